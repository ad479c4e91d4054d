package dev.plimsoll.collector.store;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.exposition.SampleSink;
import dev.plimsoll.exposition.Series;
import dev.plimsoll.promql.storage.SeriesLimitExceededException;
import dev.plimsoll.promql.storage.SeriesStore;
import dev.plimsoll.promql.storage.StaleNaN;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one target's scrapes into the series store the way Prometheus does: each sample under the
 * target's labels ({@link TargetLabels}); {@code up}, {@code scrape_duration_seconds} and
 * {@code scrape_samples_scraped} for every scrape; and a staleness marker for every series the target
 * exposed last time but not this time, for all of them when a scrape fails or the target goes away,
 * so that instant queries stop seeing them at once. Pure (no clock, no framework); one instance per
 * target, used by one thread at a time.
 */
public final class TargetWriter {
  private final SeriesStore store;
  private final ScrapeTarget target;
  private final Map<String, String> targetLabels;
  private final Labels up;
  private final Labels duration;
  private final Labels samplesScraped;
  private List<Labels> lastSeries = List.of();
  private long lastTimestamp = Long.MIN_VALUE;

  public TargetWriter(SeriesStore store, ScrapeTarget target) {
    this.store = store;
    this.target = target;
    this.targetLabels = TargetLabels.of(target);
    this.up = TargetLabels.synthetic("up", targetLabels);
    this.duration = TargetLabels.synthetic("scrape_duration_seconds", targetLabels);
    this.samplesScraped = TargetLabels.synthetic("scrape_samples_scraped", targetLabels);
  }

  public ScrapeTarget target() {
    return target;
  }

  /**
   * Writes a successful scrape.
   *
   * @param scrapeMillis when the scrape started: the time of samples without their own timestamp
   * @throws StoreFull when the store's series limit refused new series (what could be written was
   *     written, the synthetic series included, {@code up} as 0)
   */
  public void success(Scraped samples, long scrapeMillis, double durationSeconds) {
    List<Labels> current = new ArrayList<>(samples.size());
    SeriesLimitExceededException refused = null;
    int refusedCount = 0;
    for (int i = 0; i < samples.size(); i++) {
      Labels labels = labelsOf(samples.series(i));
      long ts = samples.timestamp(i);
      try {
        store().append(labels, ts == SampleSink.NO_TIMESTAMP ? scrapeMillis : ts, samples.value(i));
        current.add(labels);
      } catch (SeriesLimitExceededException e) {
        refused = e;
        refusedCount++;
      }
    }
    markStale(current, scrapeMillis);
    lastSeries = current;
    // up 0 when the store refused part of the scrape, as /api/v1/targets reports it: sums of up (replicas_up) must not
    // count a target whose series are missing
    writeSynthetic(scrapeMillis, refused == null ? 1 : 0, durationSeconds, samples.size());
    if (refused != null) {
      throw new StoreFull(refusedCount + " new series refused: " + refused.getMessage() + " (collector.limits.series-total)");
    }
  }

  /** The store's total series limit refused some of a scrape's new series. */
  public static final class StoreFull extends RuntimeException {
    StoreFull(String message) {
      super(message, null, false, false);
    }
  }

  /** Writes a failed scrape: {@code up} 0 and every series of the last scrape stale. */
  public void failure(long scrapeMillis, double durationSeconds) {
    markStale(List.of(), scrapeMillis);
    lastSeries = List.of();
    writeSynthetic(scrapeMillis, 0, durationSeconds, 0);
  }

  /** The target went away: every series it had, its synthetic ones included, is marked stale. */
  public void removed(long nowMillis) {
    long t = Math.max(nowMillis, lastTimestamp + 1);
    markStale(List.of(), t);
    lastSeries = List.of();
    for (Labels l : List.of(up, duration, samplesScraped)) {
      appendQuietly(l, t, StaleNaN.VALUE);
    }
  }

  private void writeSynthetic(long scrapeMillis, double upValue, double durationSeconds, int samples) {
    appendQuietly(up, scrapeMillis, upValue);
    appendQuietly(duration, scrapeMillis, durationSeconds);
    appendQuietly(samplesScraped, scrapeMillis, samples);
    lastTimestamp = Math.max(lastTimestamp, scrapeMillis);
  }

  private void markStale(List<Labels> current, long t) {
    if (lastSeries.isEmpty()) {
      return;
    }
    Set<Labels> still = current.isEmpty() ? Set.of() : new HashSet<>(current);
    for (Labels l : lastSeries) {
      if (!still.contains(l)) {
        appendQuietly(l, t, StaleNaN.VALUE);
      }
    }
  }

  private void appendQuietly(Labels labels, long t, double value) {
    try {
      store().append(labels, t, value);
    } catch (SeriesLimitExceededException e) {
      // the store is full: a marker or synthetic sample for a series it never held is not needed
    }
  }

  /**
   * The stored labels of a scraped series, computed once and kept on the series (a target's series
   * cache hands out the same {@link Series} every scrape).
   */
  private Labels labelsOf(Series series) {
    if (series.ref() instanceof Ref ref && ref.writer == this) {
      return ref.labels;
    }
    Labels labels = TargetLabels.combine(series, targetLabels);
    series.ref(new Ref(this, labels));
    return labels;
  }

  private record Ref(TargetWriter writer, Labels labels) {}

  private SeriesStore store() {
    return store;
  }

  /** What a writer reads from a scrape: the samples in order. */
  public interface Scraped {
    int size();

    Series series(int i);

    double value(int i);

    long timestamp(int i);
  }
}
