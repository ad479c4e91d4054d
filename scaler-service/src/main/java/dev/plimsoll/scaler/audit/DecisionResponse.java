package dev.plimsoll.scaler.audit;

import java.time.Instant;

/** A stored decision as {@code GET /api/v1/decisions} returns it. */
public record DecisionResponse(
    long id,
    String workload,
    Instant decidedAt,
    Integer currentReplicas,
    Integer desiredReplicas,
    String reason,
    String message,
    String metric,
    Double metricValue,
    double target,
    boolean applied,
    String error,
    Long policyVersion,
    @com.fasterxml.jackson.annotation.JsonRawValue String inputs) {

  static DecisionResponse of(DecisionEntity e) {
    return new DecisionResponse(e.getId(), e.getWorkload(), e.getDecidedAt(), e.getCurrentReplicas(), e.getDesiredReplicas(),
        e.getReason(), e.getMessage(), e.getMetric(), e.getMetricValue(), e.getTarget(), e.isApplied(), e.getError(), e.getPolicyVersion(),
        e.getInputs());
  }
}
