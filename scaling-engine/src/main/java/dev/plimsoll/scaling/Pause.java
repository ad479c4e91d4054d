package dev.plimsoll.scaling;

/**
 * Pausing one direction, as KEDA's {@code autoscaling.keda.sh/paused-scale-out} and {@code paused-scale-in}
 * annotations: the paused direction holds the current count whatever any layer asks (reasons
 * {@code ScaleUpPaused} and {@code ScaleDownPaused}); the other direction works as usual.
 *
 * @param scaleUp no scale-up
 * @param scaleDown no scale-down
 */
public record Pause(boolean scaleUp, boolean scaleDown) {
  public static final Pause NONE = new Pause(false, false);
}
