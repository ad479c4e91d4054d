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

  public CollectorMetrics(MeterRegistry registry, TargetRegistry targets) {
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
      successDuration.record(outcome.duration());
    } else {
      failure.increment();
      failureDuration.record(outcome.duration());
    }
  }

  private static Counter scrapes(MeterRegistry registry, String result) {
    return Counter.builder("plimsoll.collector.scrapes").description("Scrapes by result").tag("result", result).register(registry);
  }

  private static Timer duration(MeterRegistry registry, String result) {
    return Timer.builder("plimsoll.collector.scrape.duration").description("Time to fetch and parse one target's metrics")
        .tag("result", result).register(registry);
  }
}
