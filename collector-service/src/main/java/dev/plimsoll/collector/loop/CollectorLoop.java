package dev.plimsoll.collector.loop;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.DiscoveryStatus;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.discovery.TargetDiscovery;
import dev.plimsoll.collector.failure.FailureText;
import dev.plimsoll.collector.scrape.ScrapeOutcome;
import dev.plimsoll.collector.scrape.Scraper;
import dev.plimsoll.collector.scrape.TargetHealth;
import dev.plimsoll.collector.scrape.TargetRegistry;
import dev.plimsoll.collector.snapshot.LatestSnapshots;
import dev.plimsoll.collector.snapshot.SnapshotAssembler;
import dev.plimsoll.collector.snapshot.SnapshotEmitter;
import dev.plimsoll.collector.window.WindowStore;
import dev.plimsoll.events.MetricSnapshot;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The collector's two timers, and the only class that joins discovery, scraping, windows, signals and
 * publishing:
 *
 * <ul>
 *   <li>every {@code collector.discovery.refresh-interval} (and once at start): discover the targets;
 *       on failure keep the previous ones and report it through readiness;
 *   <li>every {@code collector.scrape-interval}: scrape all targets concurrently (each bounded by its
 *       timeout, so a hung target cannot hold up the others or the tick), record the results, then
 *       compute and publish one snapshot per workload.
 * </ul>
 *
 * A round still running when its timer fires again is not started twice; the firing is skipped.
 */
@ApplicationScoped
public class CollectorLoop {
  private static final Logger LOG = Logger.getLogger(CollectorLoop.class);

  private final CollectorConfig config;
  private final Vertx vertx;
  private final Clock clock;
  private final TargetDiscovery discovery;
  private final DiscoveryStatus discoveryStatus;
  private final TargetRegistry registry;
  private final Scraper scraper;
  private final WindowStore windows;
  private final SnapshotAssembler assembler;
  private final LatestSnapshots latest;
  private final SnapshotEmitter emitter;
  private final CollectorMetrics metrics;

  private final AtomicBoolean discovering = new AtomicBoolean();
  private final AtomicBoolean scraping = new AtomicBoolean();
  private volatile boolean stopping;
  private long discoveryTimer = -1;
  private long scrapeTimer = -1;

  public CollectorLoop(CollectorConfig config, Vertx vertx, Clock clock, TargetDiscovery discovery, DiscoveryStatus discoveryStatus,
      TargetRegistry registry, Scraper scraper, WindowStore windows, SnapshotAssembler assembler, LatestSnapshots latest,
      SnapshotEmitter emitter, CollectorMetrics metrics) {
    this.config = config;
    this.vertx = vertx;
    this.clock = clock;
    this.discovery = discovery;
    this.discoveryStatus = discoveryStatus;
    this.registry = registry;
    this.scraper = scraper;
    this.windows = windows;
    this.assembler = assembler;
    this.latest = latest;
    this.emitter = emitter;
    this.metrics = metrics;
  }

  void start(@Observes StartupEvent event) {
    if (config.scrapeTimeout().compareTo(config.scrapeInterval()) > 0) {
      throw new IllegalStateException("collector.scrape-timeout (" + config.scrapeTimeout() + ") must not exceed collector.scrape-interval ("
          + config.scrapeInterval() + ")");
    }
    LOG.infof("discovering targets from %s every %s; scraping every %s (timeout %s)", discovery.source(),
        human(config.discovery().refreshInterval()), human(config.scrapeInterval()), human(config.scrapeTimeout()));
    discover();
    discoveryTimer = vertx.setPeriodic(config.discovery().refreshInterval().toMillis(), id -> discover());
    scrapeTimer = vertx.setPeriodic(config.scrapeInterval().toMillis(), id -> scrapeRound());
  }

  void stop(@Observes ShutdownEvent event) {
    stopping = true; // rounds still in flight finish without touching beans that are shutting down
    if (discoveryTimer >= 0) {
      vertx.cancelTimer(discoveryTimer);
    }
    if (scrapeTimer >= 0) {
      vertx.cancelTimer(scrapeTimer);
    }
  }

  /** One discovery round, unless one is still running. */
  void discover() {
    if (!discovering.compareAndSet(false, true)) {
      return;
    }
    Uni.createFrom().deferred(discovery::discover).subscribe().with(this::discovered, failure -> {
      if (stopping) {
        return;
      }
      String error = FailureText.describe(failure, config.discovery().timeout());
      if (!Objects.equals(error, discoveryStatus.state().lastError())) {
        LOG.warnf("target discovery from %s failed (keeping %d known targets): %s", discovery.source(),
            registry.current().targets().size(), error);
      }
      discoveryStatus.failed(clock.instant(), error);
      discovering.set(false);
    });
  }

  private void discovered(DiscoveredTargets targets) {
    try {
      if (stopping) {
        return;
      }
      boolean changed = !targets.equals(registry.current());
      boolean recovered = !discoveryStatus.state().healthy();
      registry.update(targets);
      discoveryStatus.succeeded(clock.instant());
      if (changed || recovered) {
        LOG.infof("discovered %d workload(s) with %d target(s) from %s", targets.workloads().size(), targets.targets().size(),
            discovery.source());
      }
    } finally {
      discovering.set(false);
    }
  }

  /** Scrapes every target concurrently, then publishes one snapshot per workload. */
  void scrapeRound() {
    if (!scraping.compareAndSet(false, true)) {
      LOG.debug("previous scrape round still running; skipping this tick");
      return;
    }
    List<ScrapeTarget> targets = registry.current().targets();
    Uni<?> round = targets.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(targets.stream().map(t -> scraper.scrape(t).invoke(this::record)).toList()).andCollectFailures();
    round.subscribe().with(ignored -> finishRound(), failure -> {
      if (!stopping) {
        LOG.error("scrape round failed", failure);
      }
      finishRound();
    });
  }

  private void record(ScrapeOutcome outcome) {
    if (stopping) {
      return;
    }
    metrics.scraped(outcome);
    TargetHealth previous = registry.record(outcome);
    if (previous == null) {
      return; // removed by discovery meanwhile
    }
    if (!outcome.succeeded() && (previous.up() || previous.lastScrape() == null || !Objects.equals(previous.lastError(), outcome.error()))) {
      LOG.warnf("scrape of %s failed: %s", outcome.target().url(), outcome.error());
    } else if (outcome.succeeded() && !previous.up() && previous.lastScrape() != null) {
      LOG.infof("scrape of %s succeeds again", outcome.target().url());
    }
  }

  private void finishRound() {
    try {
      if (stopping) {
        return;
      }
      Instant now = clock.instant();
      windows.evictExpired(now.toEpochMilli());
      List<MetricSnapshot> snapshots = assembler.assemble(registry.current(), registry::isUp, now);
      latest.replaceAll(snapshots);
      snapshots.forEach(emitter::publish);
    } catch (RuntimeException e) {
      LOG.error("computing snapshots failed", e);
    } finally {
      scraping.set(false);
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
