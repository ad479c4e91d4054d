package dev.plimsoll.scaling;

/** Why the engine chose its count; the names are the HPA's where the HPA has one. */
public enum Reason {
  /** The proposal is within min/max and the rate limits. */
  DESIRED_WITHIN_RANGE("DesiredWithinRange"),
  /** Raised to minReplicas. */
  TOO_FEW_REPLICAS("TooFewReplicas"),
  /** Lowered to maxReplicas. */
  TOO_MANY_REPLICAS("TooManyReplicas"),
  /** Held back by the scale-up policies. */
  SCALE_UP_LIMIT("ScaleUpLimit"),
  /** Held back by the scale-down policies. */
  SCALE_DOWN_LIMIT("ScaleDownLimit"),
  /** The workload is at 0 replicas while minReplicas is above 0: autoscaling is off (the HPA's maintenance mode). */
  SCALING_DISABLED("ScalingDisabled"),
  /** No metric could be computed, or some could not and the rest would scale down: the count is held. */
  INVALID_METRICS("InvalidMetrics"),
  /** minReplicas is 0 and every metric is at or below its activation threshold: idle, at or towards zero. */
  INACTIVE("Inactive"),
  /** Not to zero while a replica is still loading its model. */
  LOADING_HOLDS_ZERO("LoadingHoldsZero"),
  /** Panic mode (Knative's): a burst over the panic window raised the count past the rate limits, or held it from going down. */
  PANIC("PanicMode"),
  /** The demand forecast one cold start ahead asked for more replicas than the current demand. */
  PREDICTIVE_SCALE_UP("PredictiveScaleUp"),
  /** Metrics stayed unusable for the fallback's threshold: the fallback count (never fewer than now). */
  FALLBACK("Fallback"),
  /** Scale-up is paused: the count is held. */
  SCALE_UP_PAUSED("ScaleUpPaused"),
  /** Scale-down is paused: the count is held. */
  SCALE_DOWN_PAUSED("ScaleDownPaused");

  private final String hpaName;

  Reason(String hpaName) {
    this.hpaName = hpaName;
  }

  /** The name as the HPA (or, for Plimsoll's own, its status) writes it. */
  public String hpaName() {
    return hpaName;
  }
}
