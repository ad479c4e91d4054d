package dev.plimsoll.scaler.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A scaling policy as JSON, shaped like the HPA's {@code autoscaling/v2} spec so that an existing
 * HorizontalPodAutoscaler's {@code spec} ports by copy: {@code minReplicas}, {@code maxReplicas},
 * {@code metrics[]} (each names a collector {@code signal}, with {@code target: {type: Value|AverageValue|
 * Utilization, value | averageValue | averageUtilization}} and, as KEDA, an {@code activationThreshold}),
 * and {@code behavior.scaleUp|scaleDown} ({@code stabilizationWindowSeconds}, {@code selectPolicy},
 * {@code policies[{type: Pods|Percent, value, periodSeconds}]}, {@code tolerance}). Quantities may be
 * numbers or Kubernetes quantity strings ({@code "500m"}, {@code "2k"}).
 */
public record PolicySpecBody(Integer minReplicas, Integer maxReplicas, List<Metric> metrics, Behavior behavior) {

  public record Metric(String signal, Target target, JsonNode activationThreshold) {}

  public record Target(String type, JsonNode value, JsonNode averageValue, JsonNode averageUtilization) {}

  public record Behavior(Rules scaleUp, Rules scaleDown) {}

  public record Rules(Integer stabilizationWindowSeconds, String selectPolicy, List<Policy> policies, JsonNode tolerance) {}

  public record Policy(String type, Integer value, Integer periodSeconds) {}
}
