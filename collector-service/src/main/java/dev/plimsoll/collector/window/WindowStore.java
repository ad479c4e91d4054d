package dev.plimsoll.collector.window;

import dev.plimsoll.exposition.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The windows of every series of every target, keyed by (target, metric name, labels). Series of a
 * target that is no longer discovered are evicted with {@link #retainTargets}; series that stopped
 * being exposed empty out and are removed by {@link #evictExpired}. Thread-safe.
 */
public final class WindowStore {
  private final Duration maxAge;
  private final int maxPointsPerSeries;
  // target -> metric name -> labels -> window
  private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<Labels, SeriesWindow>>> targets = new ConcurrentHashMap<>();
  // Appends and reads share the lock (the maps are concurrent); removing maps takes it exclusively, so an
  // append never lands in a map that is being dropped.
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * @param maxAge how long a point is kept (relative to its series' newest point, and to "now" in {@link #evictExpired})
   * @param maxPointsPerSeries at most this many points per series
   */
  public WindowStore(Duration maxAge, int maxPointsPerSeries) {
    new SeriesWindow(maxAge, maxPointsPerSeries); // validates the bounds once, here
    this.maxAge = maxAge;
    this.maxPointsPerSeries = maxPointsPerSeries;
  }

  /**
   * Adds a point to a series of a target, creating the series when it is new.
   *
   * @return false when the point was dropped as older than the series' newest point
   */
  public boolean append(String target, SeriesKey key, long timestampMillis, double value) {
    lock.readLock().lock();
    try {
      return appendUnlocked(target, key, timestampMillis, value);
    } finally {
      lock.readLock().unlock();
    }
  }

  private boolean appendUnlocked(String target, SeriesKey key, long timestampMillis, double value) {
    return targets.computeIfAbsent(target, t -> new ConcurrentHashMap<>())
        .computeIfAbsent(key.name(), n -> new ConcurrentHashMap<>())
        .computeIfAbsent(key.labels(), l -> new SeriesWindow(maxAge, maxPointsPerSeries))
        .add(timestampMillis, value);
  }

  /** Evicts every series of the targets not in {@code keep}. */
  public void retainTargets(Collection<String> keep) {
    Set<String> kept = new HashSet<>(keep);
    lock.writeLock().lock();
    try {
      targets.keySet().removeIf(t -> !kept.contains(t));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Evicts every series of one target. */
  public void removeTarget(String target) {
    lock.writeLock().lock();
    try {
      targets.remove(target);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Drops points taken before {@code nowMillis - maxAge}, and the series and targets left empty. */
  public void evictExpired(long nowMillis) {
    long cutoff = nowMillis - maxAge.toMillis();
    lock.writeLock().lock();
    try {
      for (var byName : targets.values()) {
        for (var byLabels : byName.values()) {
          byLabels.values().removeIf(w -> {
            w.evictBefore(cutoff);
            return w.isEmpty();
          });
        }
        byName.values().removeIf(Map::isEmpty);
      }
      targets.values().removeIf(Map::isEmpty);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A copy of every series of the target with the given metric name (empty when there is none). */
  public List<Series> series(String target, String metricName) {
    var byName = targets.get(target);
    var byLabels = byName == null ? null : byName.get(metricName);
    if (byLabels == null) {
      return List.of();
    }
    var out = new ArrayList<Series>(byLabels.size());
    byLabels.forEach((labels, window) -> {
      List<Point> points = window.points();
      if (!points.isEmpty()) {
        out.add(new Series(new SeriesKey(metricName, labels), points));
      }
    });
    return out;
  }

  /** The targets that have at least one series. */
  public Set<String> targets() {
    return Set.copyOf(targets.keySet());
  }

  /** The number of series kept for a target. */
  public int seriesCount(String target) {
    var byName = targets.get(target);
    return byName == null ? 0 : byName.values().stream().mapToInt(Map::size).sum();
  }
}
