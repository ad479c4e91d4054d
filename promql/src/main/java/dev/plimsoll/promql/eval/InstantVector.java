package dev.plimsoll.promql.eval;

import java.util.List;

/**
 * The result of an instant query: one value per series at {@code timestampMillis}, in evaluation order
 * (Prometheus does not sort instant vectors either).
 */
public record InstantVector(long timestampMillis, List<Sample> samples) implements Value {
  public InstantVector {
    samples = List.copyOf(samples);
  }
}
