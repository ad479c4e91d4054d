package dev.plimsoll.collector.scrape;

import dev.plimsoll.exposition.Exemplar;
import dev.plimsoll.exposition.MetricType;
import dev.plimsoll.exposition.SampleSink;
import dev.plimsoll.exposition.Series;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The samples of one scrape, held until the whole body has parsed so that a scrape that fails halfway
 * records nothing. Series come from the target's series cache, so a repeated scrape allocates no
 * label sets; it also counts distinct series against the per-target limit.
 */
public final class ScrapedSamples implements SampleSink, dev.plimsoll.collector.store.TargetWriter.Scraped {
  private final int maxSeries;
  private Series[] series = new Series[64];
  private double[] values = new double[64];
  private long[] timestamps = new long[64];
  private int size;

  public ScrapedSamples(int maxSeries) {
    this.maxSeries = maxSeries;
  }

  @Override
  public void sample(String family, MetricType type, Series s, double value, long timestampMillis, Exemplar exemplar) {
    if (size == series.length) {
      int n = size * 2;
      series = Arrays.copyOf(series, n);
      values = Arrays.copyOf(values, n);
      timestamps = Arrays.copyOf(timestamps, n);
    }
    series[size] = s;
    values[size] = value;
    timestamps[size] = timestampMillis;
    size++;
  }

  /** Distinct series, counted only when there are more samples than the limit (there cannot be more series than samples). */
  public int distinctSeriesOverLimit() {
    if (size <= maxSeries) {
      return -1;
    }
    Set<Series> distinct = new HashSet<>();
    for (int i = 0; i < size; i++) {
      distinct.add(series[i]);
    }
    return distinct.size() > maxSeries ? distinct.size() : -1;
  }

  public int size() {
    return size;
  }

  public Series series(int i) {
    return series[i];
  }

  public double value(int i) {
    return values[i];
  }

  /** The exposed timestamp in milliseconds, or {@link SampleSink#NO_TIMESTAMP}. */
  public long timestamp(int i) {
    return timestamps[i];
  }
}
