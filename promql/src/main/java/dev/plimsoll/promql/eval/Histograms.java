package dev.plimsoll.promql.eval;

import java.util.ArrayList;
import java.util.List;

/** PromQL's histogram functions on one classic histogram held outside a query (a simulator's or a backtest's counts). */
public final class Histograms {
  private Histograms() {}

  /**
   * {@code histogram_quantile(q, …)} over one histogram, exactly as a query computes it (same interpolation, same
   * {@code +Inf} and empty cases).
   *
   * @param upperBounds the buckets' {@code le} bounds, the last {@link Double#POSITIVE_INFINITY}
   * @param cumulativeCounts per bucket, the observations at or below its bound
   * @return the quantile; NaN without observations or without a {@code +Inf} bucket
   */
  public static double quantile(double q, double[] upperBounds, double[] cumulativeCounts) {
    if (upperBounds.length != cumulativeCounts.length || upperBounds.length == 0) {
      throw new IllegalArgumentException("one cumulative count per bound, at least one bucket");
    }
    List<MathFunctions.Bucket> buckets = new ArrayList<>(upperBounds.length);
    for (int i = 0; i < upperBounds.length; i++) {
      buckets.add(new MathFunctions.Bucket(upperBounds[i], cumulativeCounts[i]));
    }
    return MathFunctions.bucketQuantile(q, buckets).value();
  }
}
