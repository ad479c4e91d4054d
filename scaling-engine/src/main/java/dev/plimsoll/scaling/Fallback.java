package dev.plimsoll.scaling;

/**
 * What to do after {@code failureThreshold} evaluations in a row in which some metric of the policy had no
 * usable value, as KEDA's {@code fallback}. Unlike KEDA it never scales down on missing data: every
 * behavior's count is at least the current one, so {@code currentReplicasIfLower} does not exist here,
 * and {@code static} with fewer replicas than now holds the count (which makes it act as
 * {@code currentReplicasIfHigher}; both names are kept so that a ScaledObject ports by copy).
 *
 * @param failureThreshold evaluations in a row without a usable value before the fallback acts, 1 or more
 * @param replicas the fallback count for {@code static} and {@code currentReplicasIfHigher}; null for
 *     {@code currentReplicas}
 * @param behavior how the count is chosen
 */
public record Fallback(int failureThreshold, Integer replicas, Behavior behavior) {

  /** KEDA's fallback behaviors that never scale down. */
  public enum Behavior {
    /** The fixed {@code replicas} (never below the current count). */
    STATIC("static"),
    /** Hold the current count. */
    CURRENT_REPLICAS("currentReplicas"),
    /** The higher of the current count and {@code replicas}. */
    CURRENT_REPLICAS_IF_HIGHER("currentReplicasIfHigher");

    private final String label;

    Behavior(String label) {
      this.label = label;
    }

    /** The name as KEDA spells it. */
    public String label() {
      return label;
    }
  }

  public Fallback {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be 1 or more, got " + failureThreshold);
    }
    behavior = behavior == null ? Behavior.STATIC : behavior;
    if (behavior != Behavior.CURRENT_REPLICAS && (replicas == null || replicas < 0)) {
      throw new IllegalArgumentException("replicas (0 or more) is needed for the " + behavior.label() + " fallback");
    }
  }

  /** The count the fallback asks for at {@code current} replicas (never below it). */
  public int replicasAt(int current) {
    return behavior == Behavior.CURRENT_REPLICAS ? current : Math.max(current, replicas);
  }
}
