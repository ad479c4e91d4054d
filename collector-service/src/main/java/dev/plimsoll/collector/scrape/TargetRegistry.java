package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.exposition.Sample;
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
  private volatile DiscoveredTargets current = DiscoveredTargets.NONE;
  private final ConcurrentMap<String, TargetHealth> health = new ConcurrentHashMap<>();

  public TargetRegistry(WindowStore windows) {
    this.windows = windows;
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
      for (Sample s : outcome.exposition().samples()) {
        windows.append(url, new SeriesKey(s.name(), s.labels()), s.timestampMillis().orElse(scrapeMillis), s.value());
      }
    }
    health.put(url, outcome.health());
    return previous;
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
