package dev.plimsoll.scaler.decision;

import dev.plimsoll.scaler.decision.ScaleDecision.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns one metric value into a desired replica count the way the Kubernetes HPA does for an Object or
 * External metric (replica_calculator.go {@code GetObjectMetricReplicas}, {@code GetExternalMetricReplicas},
 * {@code GetExternalPerPodMetricReplicas}; horizontal.go {@code stabilizeRecommendation},
 * {@code convertDesiredReplicasWithRules}):
 *
 * <ol>
 *   <li>usage ratio and raw proposal: {@code Value}: ratio = value / target, proposal = ceil(ratio × current);
 *       {@code AverageValue}: ratio = value / (target × current), proposal = ceil(value / target);
 *   <li>tolerance: |1 − ratio| ≤ tolerance keeps the current count; skipped when current is 0
 *       (then proposal = ceil(ratio) for Value, ceil(value / target) for AverageValue, as the HPA does to scale
 *       from zero);
 *   <li>scale-down stabilization: the highest recommendation within the policy's window;
 *   <li>bounds: below min → min ({@code TooFewReplicas}), above max → max ({@code TooManyReplicas}),
 *       otherwise {@code DesiredWithinRange}.
 * </ol>
 *
 * A missing, NaN, infinite or negative value keeps the current count ({@code MetricUnavailable}) and is not
 * recorded in the stabilization window: the scaler never scales down on missing data.
 *
 * <p>Differences from the HPA, on purpose: the {@code Value} proposal multiplies by the current (spec) count
 * where the HPA uses the ready pod count; and the HPA works in integer milli-units, so {@code 2.1 / 0.7} is
 * exactly 3 there, while doubles give 3.0000000000000004: {@link #ceil} and the tolerance check absorb such
 * rounding noise (1e-9 relative) so that results match the HPA's.
 */
public final class ReplicaCalculator {

  private static final double EPSILON = 1e-9;

  /**
   * Decides one evaluation and records its recommendation in {@code history}.
   *
   * @param policy the workload's policy
   * @param currentReplicas the workload's current replica count (spec), &ge; 0
   * @param metricValue the metric's value, or null when there is no usable value (missing, stale)
   * @param now when the evaluation happens; the stabilization window is measured back from it
   * @param history the workload's recent recommendations; updated unless the metric is unavailable
   */
  public ScaleDecision decide(DecisionPolicy policy, int currentReplicas, Double metricValue, Instant now, StabilizationWindow history) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(history, "history");
    if (currentReplicas < 0) {
      throw new IllegalArgumentException("currentReplicas must be >= 0, was " + currentReplicas);
    }
    if (metricValue == null || metricValue.isNaN() || metricValue.isInfinite() || metricValue < 0) {
      String why = metricValue == null ? "has no usable value (missing or stale)" : "has an invalid value " + metricValue;
      return new ScaleDecision(currentReplicas, metricValue, null, currentReplicas, false, currentReplicas, currentReplicas,
          currentReplicas, Reason.METRIC_UNAVAILABLE,
          policy.metric() + " " + why + "; keeping " + currentReplicas + " replicas");
    }
    double value = metricValue;
    double target = policy.target();
    StringBuilder message = new StringBuilder(policy.metric()).append(' ').append(fmt(value));

    // 1. usage ratio and raw proposal
    double usageRatio;
    int rawProposal;
    if (policy.targetType() == TargetType.VALUE) {
      usageRatio = value / target;
      rawProposal = currentReplicas == 0 ? ceil(usageRatio) : ceil(usageRatio * currentReplicas);
      message.append(" vs target ").append(fmt(target));
    } else {
      // With no replicas the per-replica ratio is undefined; it is reported against one replica.
      usageRatio = currentReplicas == 0 ? value / target : value / (target * currentReplicas);
      rawProposal = ceil(value / target);
      message.append(" vs target ").append(fmt(target)).append(" per replica on ").append(currentReplicas).append(" replicas");
    }
    message.append(": usage ratio ").append(fmt(usageRatio));

    // 2. tolerance (skipped at zero replicas so that a workload can scale from zero)
    boolean withinTolerance = currentReplicas != 0 && Math.abs(1.0 - usageRatio) <= policy.tolerance() + EPSILON;
    int recommendation = withinTolerance ? currentReplicas : rawProposal;
    if (withinTolerance) {
      message.append(", within tolerance ").append(fmt(policy.tolerance())).append(" of 1, keeping ").append(currentReplicas);
    } else {
      message.append(", proposing ").append(rawProposal);
    }

    // 3. scale-down stabilization: the highest recommendation within the window
    int stabilized = history.stabilize(now, recommendation, policy.scaleDownStabilization());
    if (stabilized != recommendation) {
      message.append("; recent recommendations were higher, applying the highest of the last ")
          .append(policy.scaleDownStabilization().toSeconds()).append(" s: ").append(stabilized);
    }

    // 4. bounds
    int desired;
    Reason reason;
    if (stabilized < policy.minReplicas()) {
      desired = policy.minReplicas();
      reason = Reason.TOO_FEW_REPLICAS;
      message.append("; the desired replica count is less than the minimum replica count ").append(desired);
    } else if (stabilized > policy.maxReplicas()) {
      desired = policy.maxReplicas();
      reason = Reason.TOO_MANY_REPLICAS;
      message.append("; the desired replica count is more than the maximum replica count ").append(desired);
    } else {
      desired = stabilized;
      reason = Reason.DESIRED_WITHIN_RANGE;
      message.append("; the desired count is within the acceptable range");
    }
    message.append(" (").append(currentReplicas).append(" -> ").append(desired).append(')');
    return new ScaleDecision(currentReplicas, value, usageRatio, rawProposal, withinTolerance, recommendation, stabilized,
        desired, reason, message.toString());
  }

  /** Ceiling that ignores floating-point noise just above an integer (see the class comment), capped at int range. */
  static int ceil(double x) {
    double rounded = Math.ceil(x - Math.max(1.0, Math.abs(x)) * EPSILON);
    return rounded >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(0, rounded);
  }

  private static String fmt(double v) {
    return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
