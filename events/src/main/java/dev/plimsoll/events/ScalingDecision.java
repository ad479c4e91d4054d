package dev.plimsoll.events;

import java.time.Instant;

/**
 * One evaluation of one workload's policy by the scaler, published on the {@code scaling-decisions}
 * exchange (routing key: the workload id) after every evaluation, whether or not it rescaled.
 * Owned by the scaler.
 *
 * @param schema version of this schema, {@link #SCHEMA}
 * @param id the scaler's id for the decision (unique per scaler database), or null when not stored
 * @param workload workload id ({@link WorkloadId#toString()})
 * @param decidedAt when the decision was made
 * @param currentReplicas replicas the workload had when evaluated (spec)
 * @param desiredReplicas replicas the policy wants
 * @param replicasAfter replicas the workload has after this decision: the count the scale call set when applied (the
 *     platform may set fewer than desired, e.g. a Swarm service's {@code plimsoll.max}), current otherwise
 * @param reason HPA-style reason, for example {@code DesiredWithinRange}, {@code TooFewReplicas}, {@code TooManyReplicas}
 * @param metric the signal the decision was made on
 * @param metricValue the signal's value, or null when it was missing
 * @param target the policy's target for the signal
 * @param applied true when a scale call was made, succeeded and changed the count (one that succeeded but left the
 *     count as it was, as a cap does when asked again, is not applied and has no error)
 * @param error the scale call's error, or null
 */
public record ScalingDecision(
    int schema,
    Long id,
    String workload,
    Instant decidedAt,
    int currentReplicas,
    int desiredReplicas,
    int replicasAfter,
    String reason,
    String metric,
    Double metricValue,
    double target,
    boolean applied,
    String error) {

  public static final int SCHEMA = 1;

  public boolean rescale() {
    return desiredReplicas != currentReplicas;
  }
}
