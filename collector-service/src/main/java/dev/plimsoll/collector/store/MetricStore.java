package dev.plimsoll.collector.store;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.scrape.ScrapeOutcome;
import dev.plimsoll.collector.signal.DefaultSignals;
import dev.plimsoll.collector.signal.SignalDefinition;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.eval.EngineOptions;
import dev.plimsoll.promql.parse.Exprs;
import dev.plimsoll.promql.storage.SeriesStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every scraped series, in the PromQL engine's ring-buffer store, and the engine over it. The rings
 * keep {@link #retention()}: the longest range any default signal needs (the signal window) plus two
 * scrape intervals, or {@code collector.retention} when that is longer. One {@link TargetWriter} per
 * target writes its scrapes and its staleness markers.
 */
@ApplicationScoped
public class MetricStore {
  private final SeriesStore store;
  private final Engine engine;
  private final Duration retention;
  private final ConcurrentMap<String, TargetWriter> writers = new ConcurrentHashMap<>();

  public MetricStore(CollectorConfig config) {
    long window = config.signalWindow().toMillis();
    long longest = window;
    for (SignalDefinition d : DefaultSignals.ALL) {
      longest = Math.max(longest, Exprs.longestRangeMillis(Engine.prepare(d.queryFor("x/x/x/x", window + "ms")).expr()));
    }
    long interval = config.scrapeInterval().toMillis();
    this.retention = Duration.ofMillis(Math.max(longest + 2 * interval, config.retention().toMillis()));
    this.store = new SeriesStore(retention.toMillis(), interval, config.limits().seriesTotal(), java.util.Set.of(TargetLabels.WORKLOAD));
    this.engine = new Engine(store, new EngineOptions(retention.toMillis(), config.limits().samplesPerQuery()));
  }

  /** How far back series are kept. */
  public Duration retention() {
    return retention;
  }

  public Engine engine() {
    return engine;
  }

  public SeriesStore series() {
    return store;
  }

  /** Writes one scrape's outcome. */
  public void write(ScrapeOutcome outcome) {
    long at = outcome.startedAt().toEpochMilli();
    TargetWriter writer = writers.compute(outcome.target().url(), (url, w) -> {
      if (w != null && sameSeries(w.target(), outcome.target())) {
        return w; // the same series (another scrape interval or timeout changes none of them)
      }
      if (w != null) {
        // The same URL with other labels (a pod IP reused, a host-mode task restarted on the node): the old labels'
        // series end here, or sums would count both for the lookback.
        synchronized (w) {
          w.removed(at);
        }
      }
      return new TargetWriter(store, outcome.target());
    });
    double seconds = outcome.duration().toNanos() / 1e9;
    synchronized (writer) {
      if (outcome.succeeded()) {
        writer.success(outcome.samples(), at, seconds);
      } else {
        writer.failure(at, seconds);
      }
    }
  }

  /** Whether two targets of one URL write the same series: the same workload, replica and labels. */
  private static boolean sameSeries(ScrapeTarget a, ScrapeTarget b) {
    return a.workload().equals(b.workload()) && a.replica().equals(b.replica()) && a.labels().equals(b.labels());
  }

  /** Marks the series of targets no longer in {@code current} stale and forgets their writers. */
  public void retain(Collection<ScrapeTarget> current, long nowMillis) {
    Set<String> keep = new HashSet<>();
    for (ScrapeTarget t : current) {
      keep.add(t.url());
    }
    writers.entrySet().removeIf(e -> {
      if (keep.contains(e.getKey())) {
        return false;
      }
      synchronized (e.getValue()) {
        e.getValue().removed(nowMillis);
      }
      return true;
    });
  }

  private volatile long lastTrim;

  /**
   * Drops samples older than the retention and the series left empty, at most every eighth of the
   * retention (a full pass over every series is not needed every tick: the rings are bounded anyway).
   */
  public int trim(long nowMillis) {
    if (nowMillis - lastTrim < retention.toMillis() / 8) {
      return 0;
    }
    lastTrim = nowMillis;
    return store.trimBefore(nowMillis - retention.toMillis());
  }
}
