package dev.plimsoll.promql.eval;

import java.util.List;

/**
 * Series with points over time: the result of a range query, or of an instant query of a range
 * selector. Sorted by labels, as Prometheus returns them.
 */
public record Matrix(List<Series> series) implements Value {
  public Matrix {
    series = List.copyOf(series);
  }
}
