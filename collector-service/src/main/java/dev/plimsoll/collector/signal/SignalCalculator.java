package dev.plimsoll.collector.signal;

import dev.plimsoll.exposition.GoFloat;
import dev.plimsoll.collector.window.Point;
import dev.plimsoll.collector.window.Series;
import dev.plimsoll.events.MetricSnapshot.Signal;
import dev.plimsoll.events.SignalNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Computes one workload's signals ({@link SignalNames}) at a time {@code now} from the windows of its
 * UP targets, over the range {@code (now - window, now]}:
 *
 * <ul>
 *   <li>{@code queue_depth}: sum of the latest {@code vllm:num_requests_waiting} of every series;
 *   <li>{@code requests_running}: sum of the latest {@code vllm:num_requests_running};
 *   <li>{@code kv_cache_usage}: mean of the latest {@code vllm:kv_cache_usage_perc}, per target falling
 *       back to {@code vllm:gpu_cache_usage_perc} (vLLM v0) when the target has no data for the former;
 *   <li>{@code generation_tokens_per_second}: {@code sum(rate(vllm:generation_tokens_total[window]))};
 *   <li>{@code ttft_p95_seconds}: {@code histogram_quantile(0.95, sum by (le)
 *       (increase(vllm:time_to_first_token_seconds_bucket[window])))}.
 * </ul>
 *
 * <p>A signal without data (no series, no point in the window, fewer than two points for a rate, no
 * observation in the window for the quantile, or a non-finite result) has a null value, never zero.
 * Each signal carries the time of the newest sample it was computed from and is stale when that sample
 * is older than {@code staleness}.
 */
public final class SignalCalculator {
  static final double TTFT_QUANTILE = 0.95;

  private final long windowMillis;
  private final long stalenessMillis;

  /**
   * @param window the range of every signal: latest values and rates look back this far
   * @param staleness a signal whose newest sample is older than this is marked stale
   */
  public SignalCalculator(Duration window, Duration staleness) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("signal window must be positive, was " + window);
    }
    if (staleness.isNegative()) {
      throw new IllegalArgumentException("staleness must not be negative, was " + staleness);
    }
    this.windowMillis = window.toMillis();
    this.stalenessMillis = staleness.toMillis();
  }

  /** A signal without data: null value, no time, not stale (there is nothing to be stale). */
  public static Signal noData() {
    return new Signal(null, null, false);
  }

  /** Every signal of {@link SignalNames}, computed from the given targets' windows (the workload's UP targets). */
  public Map<String, Signal> compute(List<? extends SeriesSource> targets, Instant now) {
    long end = now.toEpochMilli();
    long start = end - windowMillis;
    var signals = new LinkedHashMap<String, Signal>();
    signals.put(SignalNames.QUEUE_DEPTH, sumOfLatest(targets, VllmMetrics.NUM_REQUESTS_WAITING, start, end));
    signals.put(SignalNames.REQUESTS_RUNNING, sumOfLatest(targets, VllmMetrics.NUM_REQUESTS_RUNNING, start, end));
    signals.put(SignalNames.KV_CACHE_USAGE, kvCacheUsage(targets, start, end));
    signals.put(SignalNames.GENERATION_TOKENS_PER_SECOND, sumOfRates(targets, VllmMetrics.GENERATION_TOKENS_TOTAL, start, end));
    signals.put(SignalNames.TTFT_P95_SECONDS,
        quantileOfIncrease(targets, VllmMetrics.TIME_TO_FIRST_TOKEN_SECONDS_BUCKET, TTFT_QUANTILE, start, end));
    return signals;
  }

  /** {@code sum(metric)}: the sum over every series of its newest point in the range. */
  Signal sumOfLatest(List<? extends SeriesSource> targets, String metric, long start, long end) {
    var acc = new Accumulator();
    for (SeriesSource target : targets) {
      for (Series series : target.series(metric)) {
        acc.add(latestIn(series.points(), start, end));
      }
    }
    return acc.count == 0 ? noData() : signal(acc.sum, acc.newest, end);
  }

  /** {@code avg(kv_cache_usage_perc)}, per target falling back to the v0 name when the v1 one has no data. */
  Signal kvCacheUsage(List<? extends SeriesSource> targets, long start, long end) {
    var acc = new Accumulator();
    for (SeriesSource target : targets) {
      var own = new Accumulator();
      for (Series series : target.series(VllmMetrics.KV_CACHE_USAGE_PERC)) {
        own.add(latestIn(series.points(), start, end));
      }
      if (own.count == 0) {
        for (Series series : target.series(VllmMetrics.GPU_CACHE_USAGE_PERC)) {
          own.add(latestIn(series.points(), start, end));
        }
      }
      acc.merge(own);
    }
    return acc.count == 0 ? noData() : signal(acc.sum / acc.count, acc.newest, end);
  }

  /** {@code sum(rate(metric[window]))}: series with fewer than two points in the range contribute nothing. */
  Signal sumOfRates(List<? extends SeriesSource> targets, String metric, long start, long end) {
    double sum = 0;
    long newest = Long.MIN_VALUE;
    boolean any = false;
    for (SeriesSource target : targets) {
      for (Series series : target.series(metric)) {
        List<Point> range = Rates.inRange(series.points(), start, end);
        OptionalDouble rate = Rates.extrapolatedRate(range, start, end, true, true);
        if (rate.isPresent()) {
          sum += rate.getAsDouble();
          newest = Math.max(newest, range.get(range.size() - 1).timestampMillis());
          any = true;
        }
      }
    }
    return any ? signal(sum, newest, end) : noData();
  }

  /**
   * {@code histogram_quantile(q, sum by (le) (increase(metric[window])))}. Series without a parseable
   * {@code le} label are ignored, as Prometheus ignores them.
   */
  Signal quantileOfIncrease(List<? extends SeriesSource> targets, String bucketMetric, double q, long start, long end) {
    Map<Double, Double> increaseByBound = new HashMap<>();
    long newest = Long.MIN_VALUE;
    for (SeriesSource target : targets) {
      for (Series series : target.series(bucketMetric)) {
        String le = series.key().labels().get("le");
        double bound;
        try {
          bound = le == null ? Double.NaN : GoFloat.parse(le);
        } catch (NumberFormatException e) {
          continue;
        }
        if (Double.isNaN(bound)) {
          continue;
        }
        List<Point> range = Rates.inRange(series.points(), start, end);
        OptionalDouble increase = Rates.extrapolatedRate(range, start, end, true, false);
        if (increase.isPresent()) {
          increaseByBound.merge(bound, increase.getAsDouble(), Double::sum);
          newest = Math.max(newest, range.get(range.size() - 1).timestampMillis());
        }
      }
    }
    if (increaseByBound.isEmpty()) {
      return noData();
    }
    var buckets = new ArrayList<HistogramQuantile.Bucket>(increaseByBound.size());
    increaseByBound.forEach((bound, count) -> buckets.add(new HistogramQuantile.Bucket(bound, count)));
    return signal(HistogramQuantile.quantile(q, buckets), newest, end);
  }

  private Signal signal(double value, long newestMillis, long nowMillis) {
    if (!Double.isFinite(value)) {
      return noData();
    }
    return new Signal(value, Instant.ofEpochMilli(newestMillis), nowMillis - newestMillis > stalenessMillis);
  }

  /** The newest point in {@code (start, end]}, or null. */
  static Point latestIn(List<Point> points, long start, long end) {
    for (int i = points.size() - 1; i >= 0; i--) {
      Point p = points.get(i);
      if (p.timestampMillis() <= end) {
        return p.timestampMillis() > start ? p : null;
      }
    }
    return null;
  }

  /** Sum, count and newest timestamp of latest points. */
  private static final class Accumulator {
    double sum;
    int count;
    long newest = Long.MIN_VALUE;

    void add(Point p) {
      if (p != null) {
        sum += p.value();
        count++;
        newest = Math.max(newest, p.timestampMillis());
      }
    }

    void merge(Accumulator other) {
      sum += other.sum;
      count += other.count;
      newest = Math.max(newest, other.newest);
    }
  }
}
