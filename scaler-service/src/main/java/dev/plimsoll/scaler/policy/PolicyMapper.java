package dev.plimsoll.scaler.policy;

import dev.plimsoll.scaler.decision.DecisionPolicy;
import dev.plimsoll.scaler.decision.TargetType;
import java.time.Duration;
import java.time.Instant;

/** Between the API record, the entity and the decision core's {@link DecisionPolicy}. */
public final class PolicyMapper {

  private PolicyMapper() {}

  /** Copies a validated request onto an entity (new or managed), applying the defaults. */
  static void apply(PolicyRequest request, PolicyEntity entity, Instant now) {
    entity.setWorkload(request.workload());
    entity.setMetric(request.metric());
    entity.setTargetType(request.targetTypeOrDefault());
    entity.setTarget(request.target());
    entity.setMinReplicas(request.minReplicas());
    entity.setMaxReplicas(request.maxReplicas());
    entity.setTolerance(request.toleranceOrDefault());
    entity.setScaleDownStabilizationSeconds(request.scaleDownStabilizationSecondsOrDefault());
    entity.setMode(request.modeOrDefault());
    entity.setFallbackAfter(request.fallbackAfter());
    entity.setFallbackReplicas(request.fallbackReplicas());
    if (entity.getCreatedAt() == null) {
      entity.setCreatedAt(now);
    }
    entity.setUpdatedAt(now);
  }

  /**
   * The core's view of a stored policy.
   *
   * @throws IllegalArgumentException when the row holds values the API would have rejected
   */
  public static DecisionPolicy toDecisionPolicy(PolicyEntity e) {
    TargetType type = TargetType.fromLabel(e.getTargetType())
        .orElseThrow(() -> new IllegalArgumentException("unknown target type '" + e.getTargetType() + "'"));
    return new DecisionPolicy(e.getMetric(), type, e.getTarget(), e.getMinReplicas(), e.getMaxReplicas(), e.getTolerance(),
        Duration.ofSeconds(e.getScaleDownStabilizationSeconds()));
  }
}
