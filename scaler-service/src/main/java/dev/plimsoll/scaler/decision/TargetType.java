package dev.plimsoll.scaler.decision;

import java.util.Arrays;
import java.util.Optional;

/** How a policy's target is compared with the metric, as in the HPA's {@code MetricTarget.type}. */
public enum TargetType {
  /** The metric's total is compared with the target: usage ratio = value / target. */
  VALUE("Value"),
  /** The metric per replica is compared with the target: usage ratio = value / (target × replicas). */
  AVERAGE_VALUE("AverageValue");

  private final String label;

  TargetType(String label) {
    this.label = label;
  }

  /** The name used in the API and the database, spelled as in the HPA: {@code Value}, {@code AverageValue}. */
  public String label() {
    return label;
  }

  /** The type with this {@link #label()}, or empty when there is none (case-sensitive, like the HPA's API). */
  public static Optional<TargetType> fromLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
  }
}
