package dev.plimsoll.scaling;

/** Which of a direction's policies wins, as {@code HPAScalingRules.selectPolicy}. */
public enum SelectPolicy {
  /** The policy allowing the largest change (the default). */
  MAX,
  /** The policy allowing the smallest change. */
  MIN,
  /** No scaling in this direction. */
  DISABLED
}
