package dev.plimsoll.promql.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Histograms#quantile} is the query engine's {@code histogram_quantile} on one histogram held outside a query. */
class HistogramsTest {
  static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void interpolatesInsideTheBucketHoldingTheRankAsPrometheusDoes() {
    double[] le = {1, 2, 5, INF};
    assertEquals(4.7, Histograms.quantile(0.95, le, new double[] {0, 5, 10, 10}), 1e-12);
    assertEquals(0.5, Histograms.quantile(0.5, le, new double[] {4, 4, 4, 4}), 1e-12, "the first bucket from 0");
    assertEquals(5, Histograms.quantile(0.95, le, new double[] {1, 1, 1, 10}), "in +Inf: the largest finite bound");
    assertEquals(Double.NaN, Histograms.quantile(0.95, le, new double[] {0, 0, 0, 0}), "no observations");
    assertEquals(Double.NaN, Histograms.quantile(0.5, new double[] {1, 2}, new double[] {1, 2}), "no +Inf bucket");
  }

  @Test
  void oneCountPerBound() {
    assertThrows(IllegalArgumentException.class, () -> Histograms.quantile(0.5, new double[] {1, INF}, new double[] {1}));
  }
}
