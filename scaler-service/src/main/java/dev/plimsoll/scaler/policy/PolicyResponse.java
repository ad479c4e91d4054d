package dev.plimsoll.scaler.policy;

import java.time.Instant;

/** A stored policy as the API returns it (see docs/contracts.md, "Scaler API"). */
public record PolicyResponse(
    long id,
    String workload,
    String metric,
    String targetType,
    double target,
    int minReplicas,
    int maxReplicas,
    double tolerance,
    int scaleDownStabilizationSeconds,
    String mode,
    Integer fallbackAfter,
    Integer fallbackReplicas,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static PolicyResponse of(PolicyEntity e) {
    return new PolicyResponse(e.getId(), e.getWorkload(), e.getMetric(), e.getTargetType(), e.getTarget(), e.getMinReplicas(),
        e.getMaxReplicas(), e.getTolerance(), e.getScaleDownStabilizationSeconds(), PolicyMode.ofStored(e.getMode()).label(), e.getFallbackAfter(),
        e.getFallbackReplicas(), e.getVersion(), e.getCreatedAt(), e.getUpdatedAt());
  }
}
