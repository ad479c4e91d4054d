package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.store.MetricStore;
import dev.plimsoll.collector.store.TargetWriter;
import java.time.Clock;
import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The current targets (from the last successful discovery), each one's health, and the route from a
 * scrape's samples into the store. A target that disappears from discovery loses its health and its
 * series; a scrape that finishes after its target was removed is ignored.
 */
@ApplicationScoped
public class TargetRegistry {
  private final MetricStore store;
  private final SeriesCaches caches;
  private final Clock clock;
  private final ConcurrentMap<String, Instant> lastSuccess = new ConcurrentHashMap<>();
  private volatile DiscoveredTargets current = DiscoveredTargets.NONE;
  private final ConcurrentMap<String, TargetHealth> health = new ConcurrentHashMap<>();

  public TargetRegistry(MetricStore store, SeriesCaches caches, Clock clock) {
    this.store = store;
    this.caches = caches;
    this.clock = clock;
  }

  /** Replaces the targets; keeps the health of targets still present, evicts the series of removed ones. */
  public synchronized void update(DiscoveredTargets discovered) {
    Set<String> urls = discovered.targets().stream().map(ScrapeTarget::url).collect(Collectors.toSet());
    health.keySet().retainAll(urls);
    for (String url : urls) {
      health.putIfAbsent(url, TargetHealth.NEVER_SCRAPED);
    }
    current = discovered;
    lastSuccess.keySet().retainAll(urls);
    store.retain(discovered.targets(), clock.millis());
    caches.retain(urls);
  }

  /**
   * Records a scrape: the target's health and its samples in the store (at the sample's own timestamp,
   * else the scrape's start), with {@code up} and staleness markers (see {@link TargetWriter}). A scrape
   * whose new series the store's total limit refused counts as failed, with that reason.
   *
   * @return the target's previous health, or null when the target is no longer known (nothing recorded)
   */
  public TargetHealth record(ScrapeOutcome outcome) {
    String url = outcome.target().url();
    TargetHealth previous = health.get(url);
    if (previous == null) {
      return null;
    }
    try {
      store.write(outcome);
    } catch (TargetWriter.StoreFull e) {
      outcome = ScrapeOutcome.failure(outcome.target(), outcome.startedAt(), outcome.duration(), e.getMessage());
    }
    if (outcome.succeeded()) {
      lastSuccess.put(url, outcome.startedAt());
    } else {
      lastSuccess.remove(url);
    }
    health.put(url, outcome.health());
    return previous;
  }

  /** When the target was last scraped successfully, if its last scrape succeeded; null when it is down or unknown. */
  public Instant lastSuccess(String url) {
    return lastSuccess.get(url);
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
