package dev.plimsoll.scaler.policy;

import java.util.Optional;

/** What the scaler does with a policy's decisions. */
public enum PolicyMode {
  /** Decide and scale (the default). */
  ENFORCE("enforce"),
  /** Decide, record and publish what it would do, but never scale: for trying a policy on live traffic. */
  DRY_RUN("dry-run"),
  /** Do not evaluate at all. */
  PAUSED("paused");

  private final String label;

  PolicyMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<PolicyMode> fromLabel(String label) {
    for (PolicyMode m : values()) {
      if (m.label.equals(label)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The mode a stored value names; rows stored before modes existed are enforced. */
  public static PolicyMode ofStored(String label) {
    return label == null ? ENFORCE : fromLabel(label).orElse(ENFORCE);
  }
}
