package dev.plimsoll.scaling;

import java.util.List;

/**
 * What the engine needs of a policy, shaped like {@code autoscaling/v2}'s HorizontalPodAutoscalerSpec.
 *
 * @param minReplicas the floor; 0 allows scale to zero (with activation thresholds, as KEDA)
 * @param maxReplicas the ceiling, at least 1 and at least minReplicas
 * @param metrics at least one
 * @param scaleUp scale-up behavior ({@link ScalingRules#DEFAULT_SCALE_UP} when null)
 * @param scaleDown scale-down behavior ({@link ScalingRules#DEFAULT_SCALE_DOWN} when null)
 */
public record ScalingSpec(int minReplicas, int maxReplicas, List<MetricSpec> metrics, ScalingRules scaleUp, ScalingRules scaleDown) {
  public ScalingSpec {
    metrics = List.copyOf(metrics);
    if (minReplicas < 0 || maxReplicas < 1 || maxReplicas < minReplicas) {
      throw new IllegalArgumentException("need 0 <= minReplicas <= maxReplicas and maxReplicas >= 1, got " + minReplicas + ".." + maxReplicas);
    }
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("at least one metric is needed");
    }
    scaleUp = scaleUp == null ? ScalingRules.DEFAULT_SCALE_UP : scaleUp;
    scaleDown = scaleDown == null ? ScalingRules.DEFAULT_SCALE_DOWN : scaleDown;
  }
}
