package dev.plimsoll.scaling;

import java.util.List;

/**
 * One evaluation, with every intermediate value so that people can see why.
 *
 * @param currentReplicas the count it started from
 * @param desiredReplicas the count it wants
 * @param reason why, in the HPA's terms
 * @param message the same in words
 * @param metrics each metric's proposal (or why it had none)
 * @param rawProposal the largest metric proposal (null when none was computed)
 * @param stabilized the proposal after the stabilization windows (null when not reached)
 * @param stabilization {@code ScaleUpStabilized}, {@code ScaleDownStabilized} or {@code ReadyForNewScale} (null when not reached)
 * @param limited the count after the rate limits and bounds (equals desiredReplicas when reached)
 * @param record the recommendation to remember for later stabilization, null when nothing is to be recorded
 */
public record Evaluation(int currentReplicas, int desiredReplicas, Reason reason, String message, List<MetricProposal> metrics,
    Integer rawProposal, Integer stabilized, String stabilization, Integer limited, History.Recommendation record) {

  public Evaluation {
    metrics = List.copyOf(metrics);
  }

  /** Whether the count changes. */
  public boolean rescale() {
    return desiredReplicas != currentReplicas;
  }

  /**
   * What one metric proposed.
   *
   * @param name the metric
   * @param value its value (the average for per-replica values), null when missing
   * @param usageRatio value relative to target, null when not computed
   * @param proposal the replica count it asks for, null when it could not be computed
   * @param problem why not, null when computed
   */
  public record MetricProposal(String name, Double value, Double usageRatio, Integer proposal, String problem) {}
}
