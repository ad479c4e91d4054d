package dev.plimsoll.promql.eval;

import java.util.Arrays;

/**
 * The numeric kernels, each mirroring its Prometheus counterpart (named in the javadoc) so results agree
 * to the last bit where Prometheus' tests compare exactly. Inputs are the window's samples, oldest first,
 * staleness markers already removed.
 */
final class MathFunctions {
  /** Relative tolerance below which bucket counts are treated as equal ({@code smallDeltaTolerance}). */
  static final double SMALL_DELTA_TOLERANCE = 1e-12;

  private MathFunctions() {}

  /** {@code kahansum.Inc}: Neumaier's variant of Kahan summation; returns {sum, compensation}. */
  static void kahanInc(double inc, double[] sumAndC) {
    double sum = sumAndC[0];
    double c = sumAndC[1];
    double t = sum + inc;
    if (Double.isInfinite(t)) {
      c = 0;
    } else if (Math.abs(sum) >= Math.abs(inc)) {
      c += (sum - t) + inc;
    } else {
      c += (inc - t) + sum;
    }
    sumAndC[0] = t;
    sumAndC[1] = c;
  }

  /**
   * {@code extrapolatedRate} for rate, increase and delta: the change over the window, corrected for
   * counter resets, extrapolated towards the window's ends by at most half an average sample interval
   * (and, for counters, not below zero).
   *
   * @return the value, or NaN-free {@code null} when fewer than two samples
   */
  static Double extrapolatedRate(long[] ts, double[] v, long rangeStart, long rangeEnd, long rangeMillis,
      boolean isCounter, boolean isRate) {
    int n = ts.length;
    if (n < 2) {
      return null;
    }
    double result = v[n - 1] - v[0];
    if (isCounter) {
      for (int i = 1; i < n; i++) {
        if (v[i] < v[i - 1]) {
          result += v[i - 1];
        }
      }
    }
    double durationToStart = (ts[0] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - ts[n - 1]) / 1000.0;
    double sampledInterval = (ts[n - 1] - ts[0]) / 1000.0;
    double averageDurationBetweenSamples = sampledInterval / (n - 1);
    double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
    if (durationToStart >= extrapolationThreshold) {
      durationToStart = averageDurationBetweenSamples / 2;
    }
    if (isCounter) {
      double durationToZero = durationToStart;
      if (result > 0 && v[0] >= 0) {
        durationToZero = sampledInterval * (v[0] / result);
      }
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= extrapolationThreshold) {
      durationToEnd = averageDurationBetweenSamples / 2;
    }
    double factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    if (isRate) {
      factor /= rangeMillis / 1000.0;
    }
    return result * factor;
  }

  /** {@code instantValue} for irate: the last two samples, a drop read as a counter reset. */
  static Double irate(long[] ts, double[] v) {
    int n = ts.length;
    if (n < 2) {
      return null;
    }
    long interval = ts[n - 1] - ts[n - 2];
    if (interval == 0) {
      return null;
    }
    double last = v[n - 1];
    double prev = v[n - 2];
    double result = last < prev ? last : last - prev;
    return result / (interval / 1000.0);
  }

  /** {@code funcAvgOverTime}: direct Kahan mean, switching to an incremental mean if the sum overflows. */
  static double avg(double[] v) {
    double[] sc = {v[0], 0};
    double mean = 0;
    double count = 1;
    boolean incremental = false;
    for (int i = 1; i < v.length; i++) {
      count = i + 1;
      if (!incremental) {
        double[] next = {sc[0], sc[1]};
        kahanInc(v[i], next);
        if (!Double.isInfinite(next[0])) {
          sc = next;
          continue;
        }
        incremental = true;
        mean = sc[0] / (count - 1);
        sc[1] /= count - 1;
      }
      double q = (count - 1) / count;
      double[] mc = {q * mean, q * sc[1]};
      kahanInc(v[i] / count, mc);
      mean = mc[0];
      sc[1] = mc[1];
    }
    if (incremental) {
      return mean + sc[1];
    }
    return sc[0] / count + sc[1] / count;
  }

  /** {@code funcSumOverTime} for floats. */
  static double sum(double[] v) {
    double[] sc = {0, 0};
    for (double x : v) {
      kahanInc(x, sc);
    }
    return Double.isInfinite(sc[0]) ? sc[0] : sc[0] + sc[1];
  }

  /** {@code compareOverTime} with max semantics: NaN only survives when nothing else is seen. */
  static double max(double[] v) {
    double m = v[0];
    for (double x : v) {
      if (x > m || Double.isNaN(m)) {
        m = x;
      }
    }
    return m;
  }

  static double min(double[] v) {
    double m = v[0];
    for (double x : v) {
      if (x < m || Double.isNaN(m)) {
        m = x;
      }
    }
    return m;
  }

  /** {@code varianceOverTime}: Welford's algorithm with Kahan-compensated accumulators. */
  static double variance(double[] v) {
    double count = 0;
    double[] mean = {0, 0};
    double[] aux = {0, 0};
    for (double x : v) {
      count++;
      double delta = x - (mean[0] + mean[1]);
      kahanInc(delta / count, mean);
      kahanInc(delta * (x - (mean[0] + mean[1])), aux);
    }
    return (aux[0] + aux[1]) / count;
  }

  /**
   * {@code quantile}: the φ-quantile of the values by linear interpolation between closest ranks, NaN
   * sorting lowest. Sorts {@code values} in place.
   */
  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    // Arrays.sort puts NaN last; Prometheus' order puts it first.
    Arrays.sort(values);
    int nans = 0;
    for (int i = values.length - 1; i >= 0 && Double.isNaN(values[i]); i--) {
      nans++;
    }
    if (nans > 0) {
      System.arraycopy(values, 0, values, nans, values.length - nans);
      Arrays.fill(values, 0, nans, Double.NaN);
    }
    double n = values.length;
    double rank = q * (n - 1);
    double lowerIndex = Math.max(0, Math.floor(rank));
    double upperIndex = Math.min(n - 1, lowerIndex + 1);
    double weight = rank - Math.floor(rank);
    return values[(int) lowerIndex] * (1 - weight) + values[(int) upperIndex] * weight;
  }

  /** One classic-histogram bucket: upper bound ({@code le}) and cumulative count. */
  static final class Bucket {
    final double upperBound;
    double count;

    Bucket(double upperBound, double count) {
      this.upperBound = upperBound;
      this.count = count;
    }
  }

  /** {@link #bucketQuantile}'s result and whether monotonicity had to be forced. */
  record BucketQuantile(double value, boolean forcedMonotonic) {}

  /**
   * {@code BucketQuantile}: sorts by {@code le}, requires a {@code +Inf} bucket, merges equal bounds,
   * ignores precision-noise differences and forces monotonic counts, then interpolates linearly inside
   * the bucket holding the rank (the lowest bucket from 0 when its bound is positive; the highest
   * finite bound when the rank falls into the {@code +Inf} bucket).
   */
  static BucketQuantile bucketQuantile(double q, java.util.List<Bucket> input) {
    if (Double.isNaN(q)) {
      return new BucketQuantile(Double.NaN, false);
    }
    if (q < 0) {
      return new BucketQuantile(Double.NEGATIVE_INFINITY, false);
    }
    if (q > 1) {
      return new BucketQuantile(Double.POSITIVE_INFINITY, false);
    }
    var buckets = new java.util.ArrayList<>(input);
    buckets.sort((a, b) -> a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0);
    if (buckets.get(buckets.size() - 1).upperBound != Double.POSITIVE_INFINITY) {
      return new BucketQuantile(Double.NaN, false);
    }
    // coalesceBuckets
    var merged = new java.util.ArrayList<Bucket>();
    Bucket last = new Bucket(buckets.get(0).upperBound, buckets.get(0).count);
    for (int i = 1; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      if (b.upperBound == last.upperBound) {
        last.count += b.count;
      } else {
        merged.add(last);
        last = new Bucket(b.upperBound, b.count);
      }
    }
    merged.add(last);
    boolean forced = false;
    double prev = merged.get(0).count;
    for (int i = 1; i < merged.size(); i++) {
      double curr = merged.get(i).count;
      if (curr == prev) {
        continue;
      }
      if (Almost.equal(prev, curr, SMALL_DELTA_TOLERANCE)) {
        merged.get(i).count = prev;
        continue;
      }
      if (curr < prev) {
        merged.get(i).count = prev;
        forced = true;
        continue;
      }
      prev = curr;
    }
    if (merged.size() < 2) {
      return new BucketQuantile(Double.NaN, false);
    }
    double observations = merged.get(merged.size() - 1).count;
    if (observations == 0) {
      return new BucketQuantile(Double.NaN, false);
    }
    double rank = q * observations;
    int lo = 0;
    int hi = merged.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (merged.get(mid).count >= rank) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int b = lo;
    if (b == merged.size() - 1) {
      return new BucketQuantile(merged.get(merged.size() - 2).upperBound, forced);
    }
    if (b == 0 && merged.get(0).upperBound <= 0) {
      return new BucketQuantile(merged.get(0).upperBound, forced);
    }
    double bucketStart = 0;
    double bucketEnd = merged.get(b).upperBound;
    double count = merged.get(b).count;
    if (b > 0) {
      bucketStart = merged.get(b - 1).upperBound;
      count -= merged.get(b - 1).count;
      rank -= merged.get(b - 1).count;
    }
    return new BucketQuantile(bucketStart + (bucketEnd - bucketStart) * (rank / count), forced);
  }
}
