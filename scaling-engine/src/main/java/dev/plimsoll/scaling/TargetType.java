package dev.plimsoll.scaling;

/**
 * How a metric's value is compared with its target, as in {@code autoscaling/v2} {@code MetricTarget.type}.
 *
 * <ul>
 *   <li>{@link #VALUE}: the value as a whole against the target (an HPA Object metric):
 *       ratio = value / target, proposal = ceil(ratio × ready replicas);
 *   <li>{@link #AVERAGE_VALUE}: the value per replica against the target: for a workload total (an HPA
 *       External metric) ratio = total / (target × current), proposal = ceil(total / target); for
 *       per-replica values (an HPA Pods metric) the HPA's per-pod rules with missing and unready replicas;
 *   <li>{@link #UTILIZATION}: a percentage (0..100) per replica against a target percentage, per-replica
 *       values treated like AverageValue (the HPA's Resource metric), a single value like Value.
 * </ul>
 */
public enum TargetType {
  VALUE, AVERAGE_VALUE, UTILIZATION
}
