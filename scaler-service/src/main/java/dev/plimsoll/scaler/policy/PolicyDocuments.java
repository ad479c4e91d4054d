package dev.plimsoll.scaler.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.Fallback;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.Panic;
import dev.plimsoll.scaling.Pause;
import dev.plimsoll.scaling.Predictive;
import dev.plimsoll.scaling.Schedule;
import dev.plimsoll.scaling.ScalingPolicy;
import dev.plimsoll.scaling.ScalingRules;
import dev.plimsoll.scaling.ScalingSpec;
import dev.plimsoll.scaling.SelectPolicy;
import dev.plimsoll.scaling.TargetType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.parse.Parser;
import dev.plimsoll.promql.parse.ValueType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link PolicyDocument} into the engine's {@link AutoscalingPolicy}, collecting every field error
 * with its JSON path instead of stopping at the first, and warnings for what is accepted but probably not
 * meant. Defaults are the HPA's (minReplicas 1; scale-up 0 s, Max of 4 pods or 100 % per 15 s; scale-down
 * 300 s, 100 % per 15 s; tolerance 0.1), KEDA's (fallback behavior static) and Knative's (panic 60 s, 10 %,
 * 200 %). Pure.
 */
public final class PolicyDocuments {
  /** The longest workload id a policy may name (the database's column). */
  static final int MAX_WORKLOAD = 512;
  /** The longest metric name (stored with every decision). */
  static final int MAX_METRIC_NAME = 128;

  private PolicyDocuments() {}

  private static final Pattern SIGNAL = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /**
   * The mapped policy, or the field errors (never both), and warnings.
   *
   * @param workload the workload id, null when none was given (allowed for dry evaluation)
   */
  public record Result(AutoscalingPolicy policy, String workload, PolicyMode mode, Map<String, String> queries, List<FieldError> errors,
      List<String> warnings) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** Maps a document; {@code requireWorkload} for stored policies, not for a dry evaluation. */
  public static Result map(PolicyDocument body, String path, boolean requireWorkload) {
    List<FieldError> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String prefix = path.isEmpty() ? "" : path + ".";
    if (body == null) {
      return new Result(null, null, null, Map.of(), List.of(new FieldError(path.isEmpty() ? "body" : path, "is required")), List.of());
    }
    String workload = workload(body, prefix, requireWorkload, errors);
    PolicyMode mode = PolicyMode.ENFORCE;
    if (body.mode() != null) {
      mode = PolicyMode.fromLabel(body.mode()).orElse(null);
      if (mode == null) {
        errors.add(new FieldError(prefix + "mode", "must be enforce, dry-run or paused"));
      }
    }
    Map<String, String> queries = new LinkedHashMap<>();
    ScalingSpec spec = spec(body, prefix, errors, warnings, requireWorkload, queries);
    Pause pause = body.pause() == null ? Pause.NONE
        : new Pause(Boolean.TRUE.equals(body.pause().scaleUp()), Boolean.TRUE.equals(body.pause().scaleDown()));
    Fallback fallback = fallback(body.fallback(), prefix + "fallback", errors);
    List<Schedule> schedules = schedules(body.schedules(), prefix + "schedules", errors);
    Panic panic = panic(body.panic(), prefix + "panic", errors);
    Predictive predictive = predictive(body.predictive(), prefix + "predictive", errors);
    if (!errors.isEmpty()) {
      return new Result(null, workload, mode, queries, errors, warnings);
    }
    try {
      return new Result(new AutoscalingPolicy(spec, schedules, panic, predictive, fallback, pause), workload, mode, Map.copyOf(queries),
          List.of(), warnings);
    } catch (IllegalArgumentException e) {
      return new Result(null, workload, mode, queries, List.of(new FieldError(prefix + "schedules", e.getMessage())), warnings);
    }
  }

  private static String workload(PolicyDocument body, String prefix, boolean required, List<FieldError> errors) {
    String fromRef = null;
    PolicyDocument.ScaleTargetRef ref = body.scaleTargetRef();
    if (ref != null) {
      if (ref.kind() == null || ref.name() == null) {
        errors.add(new FieldError(prefix + "scaleTargetRef", "needs kind and name"));
      } else if (body.namespace() != null) {
        fromRef = "kubernetes/" + body.namespace() + "/" + ref.kind() + "/" + ref.name();
      } else if (body.workload() == null && required) {
        errors.add(new FieldError(prefix + "namespace", "is required with scaleTargetRef (or give workload)"));
      }
    }
    String workload = body.workload() != null ? body.workload() : fromRef;
    if (workload == null) {
      if (required && ref == null) {
        errors.add(new FieldError(prefix + "workload", "is required: platform/namespace/kind/name (or scaleTargetRef and namespace)"));
      }
      return null;
    }
    try {
      workload = WorkloadId.parse(workload).toString();
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(prefix + (body.workload() != null ? "workload" : "scaleTargetRef"), e.getMessage()));
      return null;
    }
    if (workload.length() > MAX_WORKLOAD) { // stored with the policy and every decision
      errors.add(new FieldError(prefix + (body.workload() != null ? "workload" : "scaleTargetRef"), "has " + workload.length()
          + " characters; at most " + MAX_WORKLOAD));
      return null;
    }
    if (body.workload() != null && fromRef != null && !fromRef.equals(workload)) {
      errors.add(new FieldError(prefix + "scaleTargetRef", "names " + fromRef + " but workload is " + workload));
    }
    return workload;
  }

  private static ScalingSpec spec(PolicyDocument body, String prefix, List<FieldError> errors, List<String> warnings, boolean stored,
      Map<String, String> queries) {
    int before = errors.size();
    int min = body.minReplicas() == null ? 1 : body.minReplicas();
    if (min < 0) {
      errors.add(new FieldError(prefix + "minReplicas", "must be 0 or more"));
    } else if (min == 0 && stored) {
      warnings.add("minReplicas is 0: at zero replicas the workload is started again only by a metric that has a value while no replica"
          + " runs (a queue outside the replicas, an external signal) and is above its activationThreshold");
    }
    Integer max = body.maxReplicas();
    if (max == null) {
      errors.add(new FieldError(prefix + "maxReplicas", "is required"));
    } else if (max < 1 || max < min) {
      errors.add(new FieldError(prefix + "maxReplicas", "must be at least 1 and at least minReplicas (" + min + ")"));
    }
    List<MetricSpec> metrics = new ArrayList<>();
    if (body.metrics() == null || body.metrics().isEmpty()) {
      errors.add(new FieldError(prefix + "metrics", "at least one metric is required"));
    } else {
      for (int i = 0; i < body.metrics().size(); i++) {
        PolicyDocument.Metric doc = body.metrics().get(i);
        MetricSpec m = metric(doc, prefix + "metrics[" + i + "]", errors);
        if (m != null) {
          if (m.name().length() > MAX_METRIC_NAME) { // stored with every decision (decision.metric)
            errors.add(new FieldError(prefix + "metrics[" + i + "]", "name " + m.name().substring(0, 40) + "... has " + m.name().length()
                + " characters; at most " + MAX_METRIC_NAME));
          } else if (metrics.stream().anyMatch(o -> o.name().equals(m.name()))) {
            errors.add(new FieldError(prefix + "metrics[" + i + "]", "signal " + m.name() + " appears twice"));
          } else if (doc.query() != null) {
            queries.put(m.name(), doc.query());
          } else if (stored && !KnownSignals.ALL.contains(m.name())) {
            warnings.add("metrics[" + i + "]: " + m.name() + " is not a built-in signal (" + String.join(", ", KnownSignals.ALL)
                + "); it has a value only if the collector publishes it (collector.prometheus.<id>)");
          }
          metrics.add(m);
        }
      }
    }
    PolicyDocument.Behavior behavior = body.behavior();
    ScalingRules up = rules(behavior == null ? null : behavior.scaleUp(), ScalingRules.DEFAULT_SCALE_UP, prefix + "behavior.scaleUp", errors);
    ScalingRules down = rules(behavior == null ? null : behavior.scaleDown(), ScalingRules.DEFAULT_SCALE_DOWN, prefix + "behavior.scaleDown",
        errors);
    return errors.size() > before ? null : new ScalingSpec(min, max, metrics, up, down);
  }

  private static MetricSpec metric(PolicyDocument.Metric m, String path, List<FieldError> errors) {
    if (m == null) {
      errors.add(new FieldError(path, "is required"));
      return null;
    }
    String name = m.signal();
    PolicyDocument.Target t = m.target();
    if (m.query() != null) {
      if (m.signal() != null || m.type() != null) {
        errors.add(new FieldError(path + ".query", "a metric has either a signal, an HPA metric source or a query, not several"));
        return null;
      }
      if (m.name() == null) {
        errors.add(new FieldError(path + ".name", "is required with query: the metric's name in decisions and dry evaluations"));
        return null;
      }
      String problem = queryProblem(m.query());
      if (problem != null) {
        errors.add(new FieldError(path + ".query", problem));
        return null;
      }
      name = m.name();
    } else if (m.name() != null) {
      errors.add(new FieldError(path + ".name", "is only for query metrics; a signal metric is named by its signal"));
      return null;
    }
    if (m.type() != null) {
      PolicyDocument.Source source = switch (m.type()) {
        case "External" -> m.external();
        case "Pods" -> m.pods();
        case "Object" -> m.object();
        default -> null;
      };
      String lower = m.type().toLowerCase(Locale.ROOT);
      if (!List.of("External", "Pods", "Object").contains(m.type())) {
        // Resource and ContainerResource (cpu, memory) come from metrics-server, which Plimsoll does not read.
        errors.add(new FieldError(path + ".type", "must be External, Pods or Object (Resource metrics such as cpu are not signals here);"
            + " or leave type out and give signal"));
        return null;
      }
      if (source == null || source.metric() == null || source.metric().name() == null) {
        errors.add(new FieldError(path + "." + lower + ".metric.name", "is required"));
        return null;
      }
      if (name != null && !name.equals(source.metric().name())) {
        errors.add(new FieldError(path + ".signal", "differs from " + lower + ".metric.name"));
      }
      name = source.metric().name();
      t = t == null ? source.target() : t;
    }
    boolean ok = true;
    if (name == null || name.isBlank()) {
      errors.add(new FieldError(path + ".signal", "is required (a collector signal name, e.g. queue_depth)"));
      ok = false;
    } else if (!SIGNAL.matcher(name).matches()) {
      errors.add(new FieldError(path + ".signal", "must be a signal name ([a-zA-Z_:][a-zA-Z0-9_:]*), got \"" + name + "\""));
      ok = false;
    }
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
      if (target != null && !(target > 0 && Double.isFinite(target))) {
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
    return ok && type != null && target != null ? new MetricSpec(name, type, target, activation) : null;
  }

  /** Why a query cannot be a metric (it does not parse, or is a range vector or a string), or null. */
  static String queryProblem(String query) {
    if (query.isBlank()) {
      return "must not be empty";
    }
    try {
      ValueType type = Parser.parse(query.replace(WORKLOAD_PLACEHOLDER, "workload")).type();
      return type == ValueType.SCALAR || type == ValueType.VECTOR ? null
          : "must give a scalar or an instant vector, not a " + type.documented();
    } catch (PromqlException e) {
      return e.getMessage();
    }
  }

  /** In a query, stands for the workload id (quote it: {@code {workload="$workload"}}). */
  public static final String WORKLOAD_PLACEHOLDER = "$workload";

  private static ScalingRules rules(PolicyDocument.Rules r, ScalingRules defaults, String path, List<FieldError> errors) {
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
        PolicyDocument.Policy p = r.policies().get(i);
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

  private static Fallback fallback(PolicyDocument.Fallback f, String path, List<FieldError> errors) {
    if (f == null) {
      return null;
    }
    int before = errors.size();
    if (f.failureThreshold() == null || f.failureThreshold() < 1 || f.failureThreshold() > 1000) {
      errors.add(new FieldError(path + ".failureThreshold", "is required: 1..1000 evaluations in a row without usable metrics"));
    }
    Fallback.Behavior behavior = Fallback.Behavior.STATIC;
    if (f.behavior() != null) {
      behavior = switch (f.behavior()) {
        case "static" -> Fallback.Behavior.STATIC;
        case "currentReplicas" -> Fallback.Behavior.CURRENT_REPLICAS;
        case "currentReplicasIfHigher" -> Fallback.Behavior.CURRENT_REPLICAS_IF_HIGHER;
        case "currentReplicasIfLower" -> {
          errors.add(new FieldError(path + ".behavior", "currentReplicasIfLower is not supported: Plimsoll never scales down on missing data"));
          yield null;
        }
        default -> {
          errors.add(new FieldError(path + ".behavior", "must be static, currentReplicas or currentReplicasIfHigher"));
          yield null;
        }
      };
    }
    if (behavior != null && behavior != Fallback.Behavior.CURRENT_REPLICAS && (f.replicas() == null || f.replicas() < 0)) {
      errors.add(new FieldError(path + ".replicas", "is required (0 or more) for the " + behavior.label() + " fallback"));
    }
    return errors.size() > before ? null : new Fallback(f.failureThreshold(), f.replicas(), behavior);
  }

  private static List<Schedule> schedules(List<PolicyDocument.Schedule> list, String path, List<FieldError> errors) {
    List<Schedule> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      PolicyDocument.Schedule s = list.get(i);
      String at = path + "[" + i + "]";
      if (s == null) {
        errors.add(new FieldError(at, "is required"));
        continue;
      }
      int before = errors.size();
      String name = s.name() == null || s.name().isBlank() ? "schedule-" + i : s.name();
      if (!names.add(name)) {
        errors.add(new FieldError(at + ".name", "schedule " + name + " appears twice"));
      }
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (int d = 0; s.days() != null && d < s.days().size(); d++) {
        DayOfWeek day = day(s.days().get(d));
        if (day == null) {
          errors.add(new FieldError(at + ".days[" + d + "]", "must be a day: MON, TUE, WED, THU, FRI, SAT or SUN"));
        } else {
          days.add(day);
        }
      }
      LocalTime start = time(s.start(), at + ".start", errors);
      LocalTime end = time(s.end(), at + ".end", errors);
      ZoneId zone = null;
      if (s.timeZone() == null) {
        errors.add(new FieldError(at + ".timeZone", "is required: an IANA zone such as Europe/Berlin or UTC"));
      } else {
        try {
          zone = ZoneId.of(s.timeZone());
        } catch (DateTimeException e) {
          errors.add(new FieldError(at + ".timeZone", "unknown time zone \"" + s.timeZone() + "\": use an IANA zone such as Europe/Berlin"));
        }
      }
      if (s.minReplicas() == null && s.maxReplicas() == null) {
        errors.add(new FieldError(at, "sets neither minReplicas nor maxReplicas"));
      }
      if (s.minReplicas() != null && s.minReplicas() < 0) {
        errors.add(new FieldError(at + ".minReplicas", "must be 0 or more"));
      }
      if (s.maxReplicas() != null && (s.maxReplicas() < 1 || s.minReplicas() != null && s.maxReplicas() < s.minReplicas())) {
        errors.add(new FieldError(at + ".maxReplicas", "must be at least 1 and at least the schedule's minReplicas"));
      }
      if (errors.size() == before) {
        out.add(new Schedule(name, days, start, end, zone, s.minReplicas(), s.maxReplicas()));
      }
    }
    for (int i = 0; i < out.size(); i++) {
      for (int j = i + 1; j < out.size(); j++) {
        if (Schedule.overlap(out.get(i), out.get(j))) {
          errors.add(new FieldError(path, "schedules " + out.get(i).name() + " and " + out.get(j).name() + " overlap; at most one may be open"));
        }
      }
    }
    return out;
  }

  private static DayOfWeek day(String text) {
    if (text == null || text.length() < 3) {
      return null;
    }
    String t = text.toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(t) || d.name().startsWith(t) && t.length() == 3) {
        return d;
      }
    }
    return null;
  }

  private static LocalTime time(String text, String path, List<FieldError> errors) {
    if (text == null) {
      errors.add(new FieldError(path, "is required: HH:MM"));
      return null;
    }
    try {
      if (!text.matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:MM", text, 0);
      }
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(path, "must be HH:MM (00:00..23:59), got \"" + text + "\""));
      return null;
    }
  }

  private static Panic panic(PolicyDocument.Panic p, String path, List<FieldError> errors) {
    if (p == null) {
      return null;
    }
    int stable = p.stableWindowSeconds() == null ? Panic.DEFAULT_STABLE_WINDOW_SECONDS : p.stableWindowSeconds();
    double window = p.panicWindowPercentage() == null ? Panic.DEFAULT_PANIC_WINDOW_PERCENTAGE : p.panicWindowPercentage();
    double threshold = p.panicThresholdPercentage() == null ? Panic.DEFAULT_PANIC_THRESHOLD_PERCENTAGE : p.panicThresholdPercentage();
    int before = errors.size();
    if (stable < 6 || stable > 3600) {
      errors.add(new FieldError(path + ".stableWindowSeconds", "must be 6..3600 (Knative's window bounds)"));
    }
    if (!(window > 0 && window <= 100)) {
      errors.add(new FieldError(path + ".panicWindowPercentage", "must be in (0, 100]"));
    }
    if (!(threshold > 100 && threshold <= 1000)) {
      errors.add(new FieldError(path + ".panicThresholdPercentage", "must be in (100, 1000]"));
    }
    return errors.size() > before ? null : new Panic(stable, window, threshold);
  }

  private static Predictive predictive(PolicyDocument.Predictive p, String path, List<FieldError> errors) {
    if (p == null) {
      return null;
    }
    int before = errors.size();
    if (p.coldStartSeconds() == null || p.coldStartSeconds() < 1 || p.coldStartSeconds() > 3600) {
      errors.add(new FieldError(path + ".coldStartSeconds", "is required: 1..3600, how long a new replica takes to serve"));
    }
    int lookback = p.lookbackSeconds() == null ? Predictive.DEFAULT_LOOKBACK_SECONDS : p.lookbackSeconds();
    if (lookback < 10 || lookback > 3600) {
      errors.add(new FieldError(path + ".lookbackSeconds", "must be 10..3600"));
    }
    return errors.size() > before ? null : new Predictive(p.coldStartSeconds(), lookback);
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
