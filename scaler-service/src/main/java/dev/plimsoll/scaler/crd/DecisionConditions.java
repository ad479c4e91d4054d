package dev.plimsoll.scaler.crd;

import dev.plimsoll.scaler.crd.Conditions.Condition;
import java.util.List;
import java.util.Set;

/**
 * The HPA's and KEDA's status conditions for one decision of a ScalingPolicy: {@code AbleToScale} (the count
 * could be read and set), {@code ScalingActive} (metrics could be computed), {@code ScalingLimited} (a bound,
 * a rate limit or the GPU headroom held the count) and KEDA's {@code Fallback}. Plain Java.
 */
public final class DecisionConditions {
  private DecisionConditions() {}

  private static final Set<String> LIMITS = Set.of("TooFewReplicas", "TooManyReplicas", "ScaleUpLimit", "ScaleDownLimit",
      "GpuCapacityLimited");

  /**
   * One decision's summary.
   *
   * @param reason the decision's reason ({@code FailedGetScale} when the count could not be read)
   * @param engineReason the HPA engine's own reason, null when nothing was decided
   * @param stabilization the engine's stabilization state ({@code ScaleUpStabilized}, {@code ScaleDownStabilized},
   *     {@code ReadyForNewScale}), null when not reached
   * @param rescaled whether the count was changed
   * @param error the actuation error, null when none
   * @param fallback whether the fallback decided
   * @param message the decision's message
   */
  public record Summary(String reason, String engineReason, String stabilization, boolean rescaled, String error, boolean fallback,
      String message) {}

  public static List<Condition> of(Summary s) {
    Condition able;
    if ("FailedGetScale".equals(s.reason())) {
      able = new Condition("AbleToScale", false, "FailedGetScale", "the replica count could not be read: " + s.error());
    } else if (s.error() != null) {
      able = new Condition("AbleToScale", false, "FailedUpdateScale", "the replica count could not be set: " + s.error());
    } else if (s.rescaled()) {
      able = new Condition("AbleToScale", true, "SucceededRescale", "the target's replica count was changed");
    } else {
      String state = s.stabilization() == null ? "ReadyForNewScale" : s.stabilization();
      able = new Condition("AbleToScale", true, state, "recommended size matches current size");
    }
    Condition active;
    if (s.engineReason() == null) {
      active = new Condition("ScalingActive", false, "FailedGetScale", "nothing could be decided");
    } else if ("InvalidMetrics".equals(s.engineReason())) {
      active = new Condition("ScalingActive", false, "InvalidMetrics", s.message());
    } else if ("ScalingDisabled".equals(s.engineReason())) {
      active = new Condition("ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero");
    } else {
      active = new Condition("ScalingActive", true, "ValidMetricFound", "the policy was able to compute a replica count from its metrics");
    }
    Condition limited = LIMITS.contains(s.reason())
        ? new Condition("ScalingLimited", true, s.reason(), s.message())
        : new Condition("ScalingLimited", false, "DesiredWithinRange", "the desired count is within the acceptable range");
    Condition fallback = s.fallback()
        ? new Condition("Fallback", true, "FallbackExists", s.message())
        : new Condition("Fallback", false, "NoFallbackFound", "no fallback was needed");
    return List.of(able, active, limited, fallback);
  }
}
