package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.exposition.SampleSink;
import dev.plimsoll.exposition.Series;
import dev.plimsoll.collector.window.SeriesKey;
import dev.plimsoll.collector.window.WindowStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The current targets (from the last successful discovery), each one's health, and the route from a
 * scrape's samples into the windows. A target that disappears from discovery loses its health and its
 * series; a scrape that finishes after its target was removed is ignored.
 */
@ApplicationScoped
public class TargetRegistry {
  private final WindowStore windows;
  private final SeriesCaches caches;
  private volatile DiscoveredTargets current = DiscoveredTargets.NONE;
  private final ConcurrentMap<String, TargetHealth> health = new ConcurrentHashMap<>();

  public TargetRegistry(WindowStore windows, SeriesCaches caches) {
    this.windows = windows;
    this.caches = caches;
  }

  /** Replaces the targets; keeps the health of targets still present, evicts the series of removed ones. */
  public synchronized void update(DiscoveredTargets discovered) {
    Set<String> urls = discovered.targets().stream().map(ScrapeTarget::url).collect(Collectors.toSet());
    health.keySet().retainAll(urls);
    for (String url : urls) {
      health.putIfAbsent(url, TargetHealth.NEVER_SCRAPED);
    }
    current = discovered;
    windows.retainTargets(urls);
    caches.retain(urls);
  }

  /**
   * Records a scrape: the target's health and, on success, its samples into the windows (at the
   * sample's own timestamp, else the scrape's start).
   *
   * @return the target's previous health, or null when the target is no longer known (nothing recorded)
   */
  public synchronized TargetHealth record(ScrapeOutcome outcome) {
    String url = outcome.target().url();
    TargetHealth previous = health.get(url);
    if (previous == null) {
      return null;
    }
    if (outcome.succeeded()) {
      long scrapeMillis = outcome.startedAt().toEpochMilli();
      ScrapedSamples samples = outcome.samples();
      for (int i = 0; i < samples.size(); i++) {
        long ts = samples.timestamp(i);
        windows.append(url, key(samples.series(i)), ts == SampleSink.NO_TIMESTAMP ? scrapeMillis : ts, samples.value(i));
      }
    }
    health.put(url, outcome.health());
    return previous;
  }

  /** The window key of a series, made once per series and kept on it (series repeat from scrape to scrape). */
  private static SeriesKey key(Series series) {
    if (series.ref() instanceof SeriesKey key) {
      return key;
    }
    SeriesKey key = new SeriesKey(series.name(), series.labels());
    series.ref(key);
    return key;
  }

  public DiscoveredTargets current() {
    return current;
  }

  /** The target's health; {@link TargetHealth#NEVER_SCRAPED} for an unknown target. */
  public TargetHealth health(String url) {
    return health.getOrDefault(url, TargetHealth.NEVER_SCRAPED);
  }

  public boolean isUp(String url) {
    return health(url).up();
  }

  /** The number of current targets that are up ({@code true}) or down. */
  public long count(boolean up) {
    return current.targets().stream().filter(t -> isUp(t.url()) == up).count();
  }
}
