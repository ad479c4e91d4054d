package dev.plimsoll.exposition;

import java.util.Locale;

/** The type a {@code # TYPE} line gives a metric family; families without one are {@link #UNTYPED}. */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  SUMMARY,
  UNTYPED;

  /** The type named on a {@code # TYPE} line (lower case, as the format specifies), or null when unknown. */
  public static MetricType fromTypeLine(String word) {
    return switch (word) {
      case "counter" -> COUNTER;
      case "gauge" -> GAUGE;
      case "histogram" -> HISTOGRAM;
      case "summary" -> SUMMARY;
      case "untyped" -> UNTYPED;
      default -> null;
    };
  }

  /** The word used on a {@code # TYPE} line. */
  public String typeLineWord() {
    return name().toLowerCase(Locale.ROOT);
  }
}
