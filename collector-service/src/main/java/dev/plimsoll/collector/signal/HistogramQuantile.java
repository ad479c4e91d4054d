package dev.plimsoll.collector.signal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PromQL's {@code histogram_quantile()} over classic (le-bucketed) histograms: Prometheus'
 * {@code bucketQuantile}. The quantile is interpolated linearly inside the bucket it falls in, with a
 * lower bound of 0 for the first bucket when its upper bound is positive; a quantile in the {@code +Inf}
 * bucket is the upper bound of the highest finite bucket.
 */
public final class HistogramQuantile {

  /** One cumulative bucket: the count of observations at most {@code upperBound}. */
  public record Bucket(double upperBound, double count) {}

  private static final double PRECISION_TOLERANCE = 1e-12;

  private HistogramQuantile() {}

  /**
   * The q-quantile of the buckets, or NaN when it is undefined: no {@code +Inf} bucket, fewer than two
   * buckets, no observations, or q NaN. q below 0 gives -Inf and above 1 +Inf, as in Prometheus.
   */
  public static double quantile(double q, List<Bucket> input) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (input.isEmpty()) {
      return Double.NaN;
    }
    var sorted = new ArrayList<>(input);
    sorted.sort(Comparator.comparingDouble(Bucket::upperBound));
    if (sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double[] bounds = new double[sorted.size()];
    double[] counts = new double[sorted.size()];
    int n = coalesce(sorted, bounds, counts);
    correctPrecisionErrors(counts, n);
    ensureMonotonic(counts, n);
    if (n < 2) {
      return Double.NaN;
    }
    double observations = counts[n - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = firstAtLeast(counts, n - 1, rank);
    if (b == n - 1) {
      return bounds[n - 2];
    }
    if (b == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double bucketStart = 0;
    double bucketEnd = bounds[b];
    double count = counts[b];
    if (b > 0) {
      bucketStart = bounds[b - 1];
      count -= counts[b - 1];
      rank -= counts[b - 1];
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }

  /** Merges buckets with the same upper bound (input sorted); returns the number of buckets left. */
  private static int coalesce(List<Bucket> sorted, double[] bounds, double[] counts) {
    int n = 0;
    for (Bucket bucket : sorted) {
      if (n > 0 && bounds[n - 1] == bucket.upperBound()) {
        counts[n - 1] += bucket.count();
      } else {
        bounds[n] = bucket.upperBound();
        counts[n] = bucket.count();
        n++;
      }
    }
    return n;
  }

  /** Treats relative differences up to 1e-12 between neighbouring counts as equal (float noise). */
  private static void correctPrecisionErrors(double[] counts, int n) {
    if (n == 0) {
      return;
    }
    double previous = counts[0];
    for (int i = 1; i < n; i++) {
      double current = counts[i];
      double delta = Math.abs(current - previous);
      if (delta == 0) {
        continue;
      }
      if (delta / current <= PRECISION_TOLERANCE) {
        counts[i] = previous;
      } else {
        previous = current;
      }
    }
  }

  /** Removes decreases between successive cumulative counts (the histogram's envelope). */
  private static void ensureMonotonic(double[] counts, int n) {
    if (n == 0) {
      return;
    }
    double max = counts[0];
    for (int i = 1; i < n; i++) {
      if (counts[i] > max) {
        max = counts[i];
      } else if (counts[i] < max) {
        counts[i] = max;
      }
    }
  }

  /** The smallest index in [0, limit) whose count is at least rank, or limit when there is none. */
  private static int firstAtLeast(double[] counts, int limit, double rank) {
    int lo = 0;
    int hi = limit;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (counts[mid] >= rank) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
