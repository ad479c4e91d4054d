package dev.plimsoll.scaling;

/**
 * One evaluation of a whole policy: the HPA engine's evaluation (with its intermediate values) and what each
 * of Plimsoll's layers did after it.
 *
 * @param engine the HPA engine's evaluation, under the bounds in force
 * @param desiredReplicas the final count
 * @param reason why, the engine's reason unless a layer changed the count (or held it, for fallback and pause)
 * @param message the same in words, every layer that acted included
 * @param schedule the schedule whose bounds were in force, or null
 * @param minReplicas the floor in force (the schedule's or the policy's)
 * @param maxReplicas the ceiling in force
 * @param panicking whether the workload is in panic mode after this evaluation
 * @param panicProposal the count the panic window's values ask for, or null when not computed
 * @param predicted the count the forecast asks for, or null when there is no forecast
 * @param failuresInARow evaluations in a row (this one included) in which some metric had no usable value
 * @param fallback the fallback's count when it acted, else null
 */
public record PolicyDecision(Evaluation engine, int desiredReplicas, Reason reason, String message, String schedule, int minReplicas,
    int maxReplicas, boolean panicking, Integer panicProposal, Integer predicted, int failuresInARow, Integer fallback) {

  /** The count it started from. */
  public int currentReplicas() {
    return engine.currentReplicas();
  }

  /** Whether the count changes. */
  public boolean rescale() {
    return desiredReplicas != engine.currentReplicas();
  }
}
