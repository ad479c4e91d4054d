package dev.plimsoll.collector.loop;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.shard.Shard;
import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.DiscoveryStatus;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.discovery.CompositeDiscovery;
import dev.plimsoll.collector.failure.FailureText;
import dev.plimsoll.collector.scrape.ScrapeOutcome;
import dev.plimsoll.collector.scrape.TargetHealth;
import dev.plimsoll.collector.scrape.TargetRegistry;
import dev.plimsoll.collector.snapshot.LatestSnapshots;
import dev.plimsoll.collector.snapshot.SnapshotAssembler;
import dev.plimsoll.collector.snapshot.SnapshotEmitter;
import dev.plimsoll.collector.store.MetricStore;
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
 * The collector's timers, and the only class that joins discovery, scraping, the store, signals and
 * publishing:
 *
 * <ul>
 *   <li>every {@code collector.discovery.refresh-interval} (and once at start): discover the targets,
 *       keep the workloads this replica's {@link Shard} owns, and hand their targets to the
 *       {@link ScrapeScheduler} (one timer per target, at its own interval and timeout, so a hung or
 *       slow target never holds up another); on failure keep the previous ones and report it through
 *       readiness;
 *   <li>each scrape's outcome is recorded as it arrives;
 *   <li>every {@code collector.scrape-interval}: compute and publish one snapshot per workload.
 * </ul>
 */
@ApplicationScoped
public class CollectorLoop {
  private static final Logger LOG = Logger.getLogger(CollectorLoop.class);

  private final CollectorConfig config;
  private final Vertx vertx;
  private final Clock clock;
  private final CompositeDiscovery discovery;
  private final DiscoveryStatus discoveryStatus;
  private final TargetRegistry registry;
  private final MetricStore store;
  private final SnapshotAssembler assembler;
  private final LatestSnapshots latest;
  private final SnapshotEmitter emitter;
  private final CollectorMetrics metrics;

  private final AtomicBoolean discovering = new AtomicBoolean();
  private final ScrapeScheduler scheduler;
  private final Shard shard;
  private volatile boolean stopping;
  private long discoveryTimer = -1;
  private long scrapeTimer = -1;

  public CollectorLoop(CollectorConfig config, Vertx vertx, Clock clock, CompositeDiscovery discovery, DiscoveryStatus discoveryStatus,
      TargetRegistry registry, MetricStore store, SnapshotAssembler assembler, LatestSnapshots latest,
      SnapshotEmitter emitter, CollectorMetrics metrics, ScrapeScheduler scheduler) {
    this.scheduler = scheduler;
    this.shard = Shard.from(config.shard().count(), config.shard().index().orElse(null), System.getenv("HOSTNAME"));
    this.config = config;
    this.vertx = vertx;
    this.clock = clock;
    this.discovery = discovery;
    this.discoveryStatus = discoveryStatus;
    this.registry = registry;
    this.store = store;
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
    if (shard.count() > 1) {
      LOG.infof("collector shard %d of %d: scraping the workloads whose md5(id) mod %d is %d", shard.index(), shard.count(), shard.count(),
          shard.index());
    }
    scheduler.onOutcome(this::record);
    scheduler.onLate(ms -> metrics.late(Duration.ofMillis(ms)));
    discovery.onChange(this::discover);
    discover();
    discoveryTimer = vertx.setPeriodic(config.discovery().refreshInterval().toMillis(), id -> discover());
    scrapeTimer = vertx.setPeriodic(config.scrapeInterval().toMillis(), id -> publishSnapshots());
  }

  void stop(@Observes ShutdownEvent event) {
    stopping = true; // rounds still in flight finish without touching beans that are shutting down
    if (discoveryTimer >= 0) {
      vertx.cancelTimer(discoveryTimer);
    }
    if (scrapeTimer >= 0) {
      vertx.cancelTimer(scrapeTimer);
    }
    scheduler.stop();
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

  private void discovered(CompositeDiscovery.Round round) {
    try {
      if (stopping) {
        return;
      }
      DiscoveredTargets targets = owned(round.targets());
      boolean changed = !targets.equals(registry.current());
      boolean recovered = !discoveryStatus.state().healthy();
      registry.update(targets);
      scheduler.sync(targets.targets());
      if (round.errors().isEmpty()) {
        discoveryStatus.succeeded(clock.instant());
      } else {
        String error = round.errors().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
            .collect(java.util.stream.Collectors.joining("; "));
        if (!Objects.equals(error, discoveryStatus.state().lastError())) {
          LOG.warnf("target discovery failed for some sources (keeping their last targets): %s", error);
        }
        discoveryStatus.failed(clock.instant(), error);
        recovered = false;
      }
      if (changed || recovered) {
        LOG.infof("discovered %d workload(s) with %d target(s) from %s", targets.workloads().size(), targets.targets().size(),
            discovery.source());
      }
    } finally {
      discovering.set(false);
    }
  }

  /** The workloads (and their targets) this replica's shard owns. */
  private DiscoveredTargets owned(DiscoveredTargets all) {
    if (shard.count() == 1) {
      return all;
    }
    var workloads = all.workloads().stream().filter(shard::owns).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    return new DiscoveredTargets(workloads, all.targets().stream().filter(t -> workloads.contains(t.workload())).toList());
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

  /** Computes and publishes one snapshot per workload from what the scrapes recorded. */
  void publishSnapshots() {
    try {
      if (stopping) {
        return;
      }
      Instant now = clock.instant();
      store.trim(now.toEpochMilli());
      List<MetricSnapshot> snapshots = assembler.assemble(registry.current(), registry::lastSuccess, now);
      latest.replaceAll(snapshots);
      snapshots.forEach(emitter::publish);
    } catch (RuntimeException e) {
      LOG.error("computing snapshots failed", e);
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
