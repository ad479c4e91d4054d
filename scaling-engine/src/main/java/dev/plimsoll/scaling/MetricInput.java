package dev.plimsoll.scaling;

import java.util.Map;

/**
 * A metric's current value for one evaluation: either one number for the workload, or one per replica
 * (which lets the engine apply the HPA's rules for missing and unready replicas). {@code null} values and
 * non-finite numbers are missing data.
 */
public sealed interface MetricInput {
  /** One number for the whole workload (a sum for AverageValue, the value for Value, a mean for Utilization). */
  record Total(double value) implements MetricInput {}

  /** One number per replica, by replica name; replicas absent from the map have no value. */
  record PerReplica(Map<String, Double> values) implements MetricInput {
    public PerReplica {
      values = Map.copyOf(values);
    }
  }

  static MetricInput total(double value) {
    return new Total(value);
  }
}
