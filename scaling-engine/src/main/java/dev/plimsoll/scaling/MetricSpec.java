package dev.plimsoll.scaling;

import java.util.Objects;

/**
 * One metric of a policy: which signal, and what to hold it at.
 *
 * @param name the signal name (or a PromQL-subset query) the value comes from
 * @param type how the value is compared with the target
 * @param target the target (per replica for AverageValue, a percentage for Utilization); positive
 * @param activationThreshold at or below it (for every metric) a workload with {@code minReplicas} 0 is
 *     idle and may scale to zero, above it a workload at zero is activated, as KEDA's
 *     {@code activationThreshold}; null means 0
 */
public record MetricSpec(String name, TargetType type, double target, Double activationThreshold) {
  public MetricSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!(target > 0) || Double.isInfinite(target)) {
      throw new IllegalArgumentException("target of " + name + " must be a positive number, got " + target);
    }
  }

  public MetricSpec(String name, TargetType type, double target) {
    this(name, type, target, null);
  }

  public double activation() {
    return activationThreshold == null ? 0 : activationThreshold;
  }
}
