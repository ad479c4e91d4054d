package dev.plimsoll.scaling;

/**
 * How much one direction may change within a period, as {@code HPAScalingPolicy}.
 *
 * @param type {@code PODS} (replicas) or {@code PERCENT} (of the replicas at the start of the period)
 * @param value the amount, positive
 * @param periodSeconds the look-back window in which the limit holds (1..1800)
 */
public record ScalingPolicy(Type type, int value, int periodSeconds) {
  public enum Type { PODS, PERCENT }

  public ScalingPolicy {
    if (type == null || value <= 0 || periodSeconds <= 0 || periodSeconds > 1800) {
      throw new IllegalArgumentException("a scaling policy needs a type, a positive value and a period of 1..1800 s");
    }
  }

  public static ScalingPolicy pods(int value, int periodSeconds) {
    return new ScalingPolicy(Type.PODS, value, periodSeconds);
  }

  public static ScalingPolicy percent(int value, int periodSeconds) {
    return new ScalingPolicy(Type.PERCENT, value, periodSeconds);
  }
}
