package dev.plimsoll.scaler.decision;

import dev.plimsoll.scaling.Evaluation;
import dev.plimsoll.scaling.History;
import dev.plimsoll.scaling.HpaEngine;
import dev.plimsoll.scaling.MetricInput;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.ScalingRules;
import dev.plimsoll.scaling.ScalingSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides with the scaling engine ({@link HpaEngine}, the HPA's exact algorithm) for a stored policy,
 * and keeps the history the engine needs between evaluations of one workload: its recommendations
 * (for the stabilization windows) and the scale changes applied (for the rate limits). The policy's
 * fields map onto an autoscaling/v2 spec with the HPA's default behavior, the policy's tolerance in both
 * directions and its scale-down stabilization window. Not thread-safe: one per workload, used by one
 * evaluation at a time.
 */
public final class EngineDecider {
  private final HpaEngine engine = new HpaEngine();
  private final List<History.Recommendation> recommendations = new ArrayList<>();
  private final List<History.ScaleEvent> scaleEvents = new ArrayList<>();
  private int missingInARow;

  /**
   * Decides one evaluation and remembers its recommendation.
   *
   * @param value the metric's usable value, or null when it is missing or stale
   */
  public ScaleDecision decide(DecisionPolicy policy, int current, Double value, Instant now) {
    return decide(policy, current, value, now, null, null);
  }

  /**
   * Decides one evaluation with a fallback: after {@code fallbackAfter} evaluations in a row without a
   * usable value, the count becomes {@code fallbackReplicas} if that is higher than the current one (KEDA's
   * fallback, but never a scale-down on missing data), else it is held.
   */
  public ScaleDecision decide(DecisionPolicy policy, int current, Double value, Instant now, Integer fallbackAfter, Integer fallbackReplicas) {
    missingInARow = value == null ? missingInARow + 1 : 0;
    if (value == null && fallbackAfter != null && missingInARow >= fallbackAfter) {
      int target = fallbackReplicas == null ? current : Math.max(current, Math.min(policy.maxReplicas(), fallbackReplicas));
      return new ScaleDecision(current, null, null, current, false, current, current, target, ScaleDecision.Reason.FALLBACK,
          policy.metric() + " has had no usable value for " + missingInARow + " evaluation(s) (fallback after " + fallbackAfter + "): "
              + (target > current ? "scaling to the fallback count " : "holding ") + current + " -> " + target);
    }
    return decideWithEngine(policy, current, value, now);
  }

  private ScaleDecision decideWithEngine(DecisionPolicy policy, int current, Double value, Instant now) {
    ScalingSpec spec = spec(policy);
    Map<String, MetricInput> metrics = value == null ? Map.of() : Map.of(policy.metric(), MetricInput.total(value));
    Evaluation e = engine.evaluate(new HpaEngine.Request(spec, current, List.of(), metrics, recommendations, scaleEvents, now));
    if (e.record() != null) {
      recommendations.add(e.record());
    }
    trim(spec, now);
    ScaleDecision.Reason reason = switch (e.reason()) {
      case TOO_FEW_REPLICAS -> ScaleDecision.Reason.TOO_FEW_REPLICAS;
      case TOO_MANY_REPLICAS -> ScaleDecision.Reason.TOO_MANY_REPLICAS;
      case INVALID_METRICS -> ScaleDecision.Reason.METRIC_UNAVAILABLE;
      case SCALE_UP_LIMIT -> ScaleDecision.Reason.SCALE_UP_LIMIT;
      case SCALE_DOWN_LIMIT -> ScaleDecision.Reason.SCALE_DOWN_LIMIT;
      case SCALING_DISABLED -> ScaleDecision.Reason.SCALING_DISABLED;
      default -> ScaleDecision.Reason.DESIRED_WITHIN_RANGE;
    };
    Evaluation.MetricProposal p = e.metrics().isEmpty() ? null : e.metrics().get(0);
    String message = policy.metric() + (value == null ? " has no usable value (missing or stale)" : " " + value)
        + (p != null && p.usageRatio() != null ? ", usage ratio " + round(p.usageRatio()) : "")
        + (e.rawProposal() != null ? ", proposal " + e.rawProposal() : "")
        + (e.stabilized() != null && !e.stabilized().equals(e.rawProposal()) ? ", stabilized " + e.stabilized() : "")
        + "; " + e.message() + " (" + e.reason().hpaName() + "): " + current + " -> " + e.desiredReplicas();
    Integer raw = e.rawProposal();
    int proposal = raw == null ? current : raw;
    return new ScaleDecision(current, value, p == null ? null : p.usageRatio(), proposal, value != null && proposal == current, proposal,
        e.stabilized() == null ? current : e.stabilized(), e.desiredReplicas(), reason, message);
  }

  /** Remembers an applied scale change (for the rate limits of the next evaluations). */
  public void scaled(int from, int to, Instant at) {
    if (to != from) {
      scaleEvents.add(new History.ScaleEvent(at, to - from));
    }
  }

  /** The recommendations held (diagnostics and tests). */
  public int remembered() {
    return recommendations.size();
  }

  static ScalingSpec spec(DecisionPolicy p) {
    MetricSpec metric = new MetricSpec(p.metric(), p.targetType() == TargetType.VALUE ? dev.plimsoll.scaling.TargetType.VALUE
        : dev.plimsoll.scaling.TargetType.AVERAGE_VALUE, p.target());
    ScalingRules up = new ScalingRules(0, ScalingRules.DEFAULT_SCALE_UP.selectPolicy(), ScalingRules.DEFAULT_SCALE_UP.policies(), p.tolerance());
    ScalingRules down = new ScalingRules((int) p.scaleDownStabilization().toSeconds(), ScalingRules.DEFAULT_SCALE_DOWN.selectPolicy(),
        ScalingRules.DEFAULT_SCALE_DOWN.policies(), p.tolerance());
    return new ScalingSpec(p.minReplicas(), p.maxReplicas(), List.of(metric), up, down);
  }

  private void trim(ScalingSpec spec, Instant now) {
    Instant recCutoff = now.minusSeconds(Math.max(spec.scaleUp().stabilizationWindowSeconds(), spec.scaleDown().stabilizationWindowSeconds()));
    recommendations.removeIf(r -> !r.at().isAfter(recCutoff));
    int longestPeriod = 0;
    for (var rules : List.of(spec.scaleUp(), spec.scaleDown())) {
      for (var policy : rules.policies()) {
        longestPeriod = Math.max(longestPeriod, policy.periodSeconds());
      }
    }
    Instant eventCutoff = now.minusSeconds(longestPeriod);
    scaleEvents.removeIf(e -> !e.at().isAfter(eventCutoff));
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
