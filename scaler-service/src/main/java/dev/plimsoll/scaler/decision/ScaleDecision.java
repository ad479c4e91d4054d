package dev.plimsoll.scaler.decision;

/**
 * The outcome of one evaluation, with every intermediate value so that a person can follow it:
 * usage ratio → raw proposal → tolerance → stabilization → bounds.
 *
 * @param currentReplicas the replica count the workload had (its spec, not its ready count)
 * @param metricValue the metric's value, or null when it was unavailable
 * @param usageRatio metric / target (per replica for AverageValue), or null when the metric was unavailable
 * @param rawProposal the ratio formula's replica count before the tolerance check
 * @param withinTolerance true when the usage ratio was within the tolerance of 1.0, so the current count was kept
 * @param recommendation the count after the tolerance check: {@code rawProposal}, or {@code currentReplicas} within tolerance
 * @param stabilized the count after the scale-down stabilization window (the highest recent recommendation)
 * @param desiredReplicas the count after the min/max bounds: what the workload should have
 * @param reason why {@code desiredReplicas} is what it is
 * @param message a human-readable account of the steps
 */
public record ScaleDecision(
    int currentReplicas,
    Double metricValue,
    Double usageRatio,
    int rawProposal,
    boolean withinTolerance,
    int recommendation,
    int stabilized,
    int desiredReplicas,
    Reason reason,
    String message) {

  /** True when the decision changes the replica count. */
  public boolean rescale() {
    return desiredReplicas != currentReplicas;
  }

  /** Why the desired count is what it is; {@link #label()} is the HPA's condition reason where one exists. */
  public enum Reason {
    /** The (stabilized) recommendation lies within [min, max]. */
    DESIRED_WITHIN_RANGE("DesiredWithinRange"),
    /** The recommendation was below minReplicas and was raised to it. */
    TOO_FEW_REPLICAS("TooFewReplicas"),
    /** The recommendation was above maxReplicas and was lowered to it. */
    TOO_MANY_REPLICAS("TooManyReplicas"),
    /** The metric was missing, stale or not a number: the current count is kept, never scaled down on missing data. */
    METRIC_UNAVAILABLE("MetricUnavailable"),
    /** Held back by the scale-up rate policies (4 replicas or 100 % per 15 s by default). */
    SCALE_UP_LIMIT("ScaleUpLimit"),
    /** Held back by the scale-down rate policies. */
    SCALE_DOWN_LIMIT("ScaleDownLimit"),
    /** The workload is at 0 replicas while minReplicas is above 0: the HPA's maintenance mode, nothing is done. */
    SCALING_DISABLED("ScalingDisabled"),
    /** The scale-up was capped to the replicas that fit on free GPUs now. */
    GPU_CAPACITY_LIMITED("GpuCapacityLimited"),
    /** After the policy's number of evaluations without a usable metric: its fallback count (never lower than now). */
    FALLBACK("Fallback");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    /** The reason as published and stored, for example {@code DesiredWithinRange}. */
    public String label() {
      return label;
    }
  }
}
