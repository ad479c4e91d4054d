package dev.plimsoll.scaling;

import java.util.List;

/**
 * One direction's behavior, as {@code HPAScalingRules}.
 *
 * @param stabilizationWindowSeconds recommendations within this window are considered (0..3600)
 * @param selectPolicy which policy wins
 * @param policies the rate limits; at least one unless {@code selectPolicy} is DISABLED
 * @param tolerance the dead band around a usage ratio of 1 in this direction (the HPA's 0.1 by default)
 */
public record ScalingRules(int stabilizationWindowSeconds, SelectPolicy selectPolicy, List<ScalingPolicy> policies, double tolerance) {
  /** The HPA's tolerance. */
  public static final double DEFAULT_TOLERANCE = 0.1;

  /** The HPA's scale-up default: no stabilization, Max of 4 pods or 100 % per 15 s. */
  public static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(0, SelectPolicy.MAX,
      List.of(ScalingPolicy.pods(4, 15), ScalingPolicy.percent(100, 15)), DEFAULT_TOLERANCE);

  /** The HPA's scale-down default: 300 s stabilization, 100 % per 15 s. */
  public static final ScalingRules DEFAULT_SCALE_DOWN = new ScalingRules(300, SelectPolicy.MAX,
      List.of(ScalingPolicy.percent(100, 15)), DEFAULT_TOLERANCE);

  public ScalingRules {
    policies = policies == null ? List.of() : List.copyOf(policies);
    if (selectPolicy == null) {
      selectPolicy = SelectPolicy.MAX;
    }
    if (stabilizationWindowSeconds < 0 || stabilizationWindowSeconds > 3600) {
      throw new IllegalArgumentException("stabilizationWindowSeconds must be 0..3600, got " + stabilizationWindowSeconds);
    }
    if (policies.isEmpty() && selectPolicy != SelectPolicy.DISABLED) {
      throw new IllegalArgumentException("at least one policy is needed unless selectPolicy is Disabled");
    }
    if (!(tolerance >= 0) || tolerance >= 1) {
      throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
    }
  }
}
