package dev.plimsoll.scaler.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * What one workload's scaling policy asks of the calculator: one metric and its target, replica bounds,
 * the tolerance dead-band and the scale-down stabilization window.
 *
 * @param metric the signal to scale on, for example {@code queue_depth}
 * @param targetType how {@code target} is compared with the metric
 * @param target the desired metric value (total or per replica), finite and &gt; 0
 * @param minReplicas lower bound, &ge; 0
 * @param maxReplicas upper bound, &ge; 1 and &ge; {@code minReplicas}
 * @param tolerance usage ratios within this distance of 1.0 keep the current count; in [0, 1), the HPA's default is 0.1
 * @param scaleDownStabilization how far back the highest recommendation is kept; zero or more, the HPA's default is 5 minutes
 */
public record DecisionPolicy(
    String metric,
    TargetType targetType,
    double target,
    int minReplicas,
    int maxReplicas,
    double tolerance,
    Duration scaleDownStabilization) {

  /** The HPA's default tolerance ({@code --horizontal-pod-autoscaler-tolerance}). */
  public static final double DEFAULT_TOLERANCE = 0.1;
  /** The HPA's default scale-down stabilization window ({@code --horizontal-pod-autoscaler-downscale-stabilization}). */
  public static final Duration DEFAULT_SCALE_DOWN_STABILIZATION = Duration.ofMinutes(5);

  public DecisionPolicy {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(scaleDownStabilization, "scaleDownStabilization");
    if (!(target > 0) || Double.isInfinite(target)) {
      throw new IllegalArgumentException("target must be a finite number > 0, was " + target);
    }
    if (minReplicas < 0) {
      throw new IllegalArgumentException("minReplicas must be >= 0, was " + minReplicas);
    }
    if (maxReplicas < 1 || maxReplicas < minReplicas) {
      throw new IllegalArgumentException("maxReplicas must be >= 1 and >= minReplicas (" + minReplicas + "), was " + maxReplicas);
    }
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must be in [0, 1), was " + tolerance);
    }
    if (scaleDownStabilization.isNegative()) {
      throw new IllegalArgumentException("scaleDownStabilization must not be negative, was " + scaleDownStabilization);
    }
  }
}
