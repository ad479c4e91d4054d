package dev.plimsoll.collector.loop;

import dev.plimsoll.collector.scrape.ScrapeOutcome;
import dev.plimsoll.collector.scrape.TargetRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The collector's own metrics: {@code plimsoll_collector_scrapes_total{result}},
 * {@code plimsoll_collector_scrape_duration_seconds{result}} and
 * {@code plimsoll_collector_targets{state="up"|"down"}}. (Snapshot counters live with the emitter.)
 */
@ApplicationScoped
public class CollectorMetrics {
  private final Counter success;
  private final Counter failure;
  private final Timer successDuration;
  private final Timer failureDuration;
  private final Counter samples;
  private final Timer lag;

  public CollectorMetrics(MeterRegistry registry, TargetRegistry targets, dev.plimsoll.collector.store.MetricStore store,
      ScrapeScheduler scheduler) {
    io.micrometer.core.instrument.FunctionCounter.builder("plimsoll.collector.scrapes.skipped", scheduler, ScrapeScheduler::skipped)
        .description("Scrapes not started because the target's previous scrape was still running").register(registry);
    samples = Counter.builder("plimsoll.collector.samples.scraped").description("Samples read from successful scrapes")
        .register(registry);
    lag = Timer.builder("plimsoll.collector.scrape.lag").description("How late a scrape started after its due time")
        .publishPercentiles(0.5, 0.99).register(registry);
    Gauge.builder("plimsoll.collector.series", store, s -> s.series().seriesCount()).description("Series held in the store")
        .register(registry);
    success = scrapes(registry, "success");
    failure = scrapes(registry, "failure");
    successDuration = duration(registry, "success");
    failureDuration = duration(registry, "failure");
    Gauge.builder("plimsoll.collector.targets", targets, t -> t.count(true))
        .description("Current scrape targets by the state of their last scrape")
        .tag("state", "up")
        .register(registry);
    Gauge.builder("plimsoll.collector.targets", targets, t -> t.count(false))
        .description("Current scrape targets by the state of their last scrape")
        .tag("state", "down")
        .register(registry);
  }

  public void scraped(ScrapeOutcome outcome) {
    if (outcome.succeeded()) {
      success.increment();
      samples.increment(outcome.samples().size());
      successDuration.record(outcome.duration());
    } else {
      failure.increment();
      failureDuration.record(outcome.duration());
    }
  }

  /** How late a scrape started after it was due. */
  public void late(java.time.Duration late) {
    lag.record(late);
  }

  private static Counter scrapes(MeterRegistry registry, String result) {
    return Counter.builder("plimsoll.collector.scrapes").description("Scrapes by result").tag("result", result).register(registry);
  }

  private static Timer duration(MeterRegistry registry, String result) {
    return Timer.builder("plimsoll.collector.scrape.duration").description("Time to fetch and parse one target's metrics")
        .tag("result", result).register(registry);
  }
}
