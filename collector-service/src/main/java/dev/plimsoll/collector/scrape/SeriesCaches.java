package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.exposition.SeriesCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One {@link SeriesCache} per target URL, dropped when the target goes away. */
@ApplicationScoped
public class SeriesCaches {
  private final ConcurrentMap<String, SeriesCache> caches = new ConcurrentHashMap<>();
  private final int capacity;

  public SeriesCaches(CollectorConfig config) {
    this.capacity = config.limits().seriesPerTarget();
  }

  /** The target's cache (created on first use). Callers synchronise on it while parsing. */
  public SeriesCache of(String url) {
    return caches.computeIfAbsent(url, u -> new SeriesCache(capacity));
  }

  /** Forgets the caches of targets not in {@code urls}. */
  public void retain(Collection<String> urls) {
    Set<String> keep = new HashSet<>(urls);
    caches.keySet().removeIf(u -> !keep.contains(u));
  }
}
