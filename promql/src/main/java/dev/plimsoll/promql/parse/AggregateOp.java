package dev.plimsoll.promql.parse;

import java.util.Locale;

/** The aggregation operators of the subset; the others ({@code topk}, {@code quantile}, ...) are unsupported. */
public enum AggregateOp {
  SUM, AVG, MIN, MAX, COUNT;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
