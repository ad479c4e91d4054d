package dev.plimsoll.scaler.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.ScalingPolicy;
import dev.plimsoll.scaling.ScalingRules;
import dev.plimsoll.scaling.ScalingSpec;
import dev.plimsoll.scaling.SelectPolicy;
import dev.plimsoll.scaling.TargetType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link PolicySpecBody} into the engine's {@link ScalingSpec}, collecting every field error
 * with its JSON path instead of stopping at the first. Defaults are the HPA's (minReplicas 1; scale-up
 * 0 s, Max of 4 pods or 100 % per 15 s; scale-down 300 s, 100 % per 15 s; tolerance 0.1). Pure.
 */
public final class SpecMapper {
  private SpecMapper() {}

  /** The spec, or the field errors (never both). */
  public record Result(ScalingSpec spec, List<FieldError> errors) {}

  public static Result map(PolicySpecBody body, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null) {
      return new Result(null, List.of(new FieldError(path, "is required")));
    }
    int min = body.minReplicas() == null ? 1 : body.minReplicas();
    if (min < 0) {
      errors.add(new FieldError(path + ".minReplicas", "must be 0 or more"));
    }
    Integer max = body.maxReplicas();
    if (max == null) {
      errors.add(new FieldError(path + ".maxReplicas", "is required"));
    } else if (max < 1 || max < min) {
      errors.add(new FieldError(path + ".maxReplicas", "must be at least 1 and at least minReplicas (" + min + ")"));
    }
    List<MetricSpec> metrics = new ArrayList<>();
    if (body.metrics() == null || body.metrics().isEmpty()) {
      errors.add(new FieldError(path + ".metrics", "at least one metric is required"));
    } else {
      for (int i = 0; i < body.metrics().size(); i++) {
        MetricSpec m = metric(body.metrics().get(i), path + ".metrics[" + i + "]", errors);
        if (m != null) {
          if (metrics.stream().anyMatch(o -> o.name().equals(m.name()))) {
            errors.add(new FieldError(path + ".metrics[" + i + "].signal", "signal " + m.name() + " appears twice"));
          }
          metrics.add(m);
        }
      }
    }
    PolicySpecBody.Behavior behavior = body.behavior();
    ScalingRules up = rules(behavior == null ? null : behavior.scaleUp(), ScalingRules.DEFAULT_SCALE_UP, path + ".behavior.scaleUp", errors);
    ScalingRules down = rules(behavior == null ? null : behavior.scaleDown(), ScalingRules.DEFAULT_SCALE_DOWN, path + ".behavior.scaleDown",
        errors);
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    return new Result(new ScalingSpec(min, max, metrics, up, down), List.of());
  }

  private static MetricSpec metric(PolicySpecBody.Metric m, String path, List<FieldError> errors) {
    if (m == null) {
      errors.add(new FieldError(path, "is required"));
      return null;
    }
    boolean ok = true;
    if (m.signal() == null || m.signal().isBlank()) {
      errors.add(new FieldError(path + ".signal", "is required (a collector signal name, e.g. queue_depth)"));
      ok = false;
    }
    PolicySpecBody.Target t = m.target();
    TargetType type = null;
    Double target = null;
    if (t == null || t.type() == null) {
      errors.add(new FieldError(path + ".target.type", "is required: Value, AverageValue or Utilization"));
      ok = false;
    } else {
      switch (t.type()) {
        case "Value" -> {
          type = TargetType.VALUE;
          target = quantity(t.value(), path + ".target.value", errors);
        }
        case "AverageValue" -> {
          type = TargetType.AVERAGE_VALUE;
          target = quantity(t.averageValue(), path + ".target.averageValue", errors);
        }
        case "Utilization" -> {
          type = TargetType.UTILIZATION;
          target = quantity(t.averageUtilization(), path + ".target.averageUtilization", errors);
        }
        default -> errors.add(new FieldError(path + ".target.type", "must be Value, AverageValue or Utilization, got " + t.type()));
      }
      if (target != null && !(target > 0)) {
        errors.add(new FieldError(path + ".target", "must be positive"));
        target = null;
      }
    }
    Double activation = m.activationThreshold() == null || m.activationThreshold().isNull() ? null
        : quantity(m.activationThreshold(), path + ".activationThreshold", errors);
    if (activation != null && activation < 0) {
      errors.add(new FieldError(path + ".activationThreshold", "must be 0 or more"));
      return null;
    }
    return ok && type != null && target != null ? new MetricSpec(m.signal(), type, target, activation) : null;
  }

  private static ScalingRules rules(PolicySpecBody.Rules r, ScalingRules defaults, String path, List<FieldError> errors) {
    if (r == null) {
      return defaults;
    }
    int window = r.stabilizationWindowSeconds() == null ? defaults.stabilizationWindowSeconds() : r.stabilizationWindowSeconds();
    if (window < 0 || window > 3600) {
      errors.add(new FieldError(path + ".stabilizationWindowSeconds", "must be 0..3600"));
    }
    SelectPolicy select = defaults.selectPolicy();
    if (r.selectPolicy() != null) {
      switch (r.selectPolicy()) {
        case "Max" -> select = SelectPolicy.MAX;
        case "Min" -> select = SelectPolicy.MIN;
        case "Disabled" -> select = SelectPolicy.DISABLED;
        default -> errors.add(new FieldError(path + ".selectPolicy", "must be Max, Min or Disabled"));
      }
    }
    List<ScalingPolicy> policies = new ArrayList<>();
    if (r.policies() == null) {
      policies.addAll(defaults.policies());
    } else {
      for (int i = 0; i < r.policies().size(); i++) {
        PolicySpecBody.Policy p = r.policies().get(i);
        String at = path + ".policies[" + i + "]";
        if (p == null || p.type() == null || !(p.type().equals("Pods") || p.type().equals("Percent"))) {
          errors.add(new FieldError(at + ".type", "must be Pods or Percent"));
          continue;
        }
        if (p.value() == null || p.value() <= 0) {
          errors.add(new FieldError(at + ".value", "must be a positive integer"));
          continue;
        }
        if (p.periodSeconds() == null || p.periodSeconds() <= 0 || p.periodSeconds() > 1800) {
          errors.add(new FieldError(at + ".periodSeconds", "must be 1..1800"));
          continue;
        }
        policies.add(new ScalingPolicy(p.type().equals("Pods") ? ScalingPolicy.Type.PODS : ScalingPolicy.Type.PERCENT, p.value(),
            p.periodSeconds()));
      }
      if (policies.isEmpty() && select != SelectPolicy.DISABLED && r.policies().isEmpty()) {
        errors.add(new FieldError(path + ".policies", "at least one policy is required unless selectPolicy is Disabled"));
      }
    }
    double tolerance = defaults.tolerance();
    if (r.tolerance() != null && !r.tolerance().isNull()) {
      Double t = quantity(r.tolerance(), path + ".tolerance", errors);
      if (t != null) {
        if (t < 0 || t >= 1) {
          errors.add(new FieldError(path + ".tolerance", "must be in [0, 1)"));
        } else {
          tolerance = t;
        }
      }
    }
    try {
      return new ScalingRules(Math.max(0, Math.min(3600, window)), select, policies.isEmpty() && select != SelectPolicy.DISABLED
          ? defaults.policies() : policies, tolerance);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(path, e.getMessage()));
      return defaults;
    }
  }

  /**
   * A number or a Kubernetes quantity string: decimal with an optional suffix {@code m}, {@code k},
   * {@code M}, {@code G}, {@code T} (powers of 1000) or {@code Ki}, {@code Mi}, {@code Gi}, {@code Ti}
   * (powers of 1024).
   */
  static Double quantity(JsonNode node, String path, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      errors.add(new FieldError(path, "is required"));
      return null;
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(path, "must be a number or a quantity string such as \"500m\""));
      return null;
    }
    String text = node.asText().trim();
    String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"}, {"m", "0.001"}, {"k", "1000"},
        {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
    BigDecimal factor = BigDecimal.ONE;
    for (String[] s : suffixes) {
      if (text.endsWith(s[0])) {
        factor = new BigDecimal(s[1]);
        text = text.substring(0, text.length() - s[0].length());
        break;
      }
    }
    try {
      return new BigDecimal(text).multiply(factor).doubleValue();
    } catch (NumberFormatException e) {
      errors.add(new FieldError(path, "must be a number or a quantity string such as \"500m\", got \"" + node.asText() + "\""));
      return null;
    }
  }
}
