package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import java.time.Duration;
import java.time.Instant;

/**
 * The result of scraping one target once.
 *
 * @param target the target
 * @param startedAt when the scrape started (the timestamp of samples that carry none)
 * @param duration how long it took until parsed or failed
 * @param samples the parsed samples, null on failure
 * @param error why it failed, null on success
 */
public record ScrapeOutcome(ScrapeTarget target, Instant startedAt, Duration duration, ScrapedSamples samples, String error) {

  public static ScrapeOutcome success(ScrapeTarget target, Instant startedAt, Duration duration, ScrapedSamples samples) {
    return new ScrapeOutcome(target, startedAt, duration, samples, null);
  }

  public static ScrapeOutcome failure(ScrapeTarget target, Instant startedAt, Duration duration, String error) {
    return new ScrapeOutcome(target, startedAt, duration, null, error);
  }

  public boolean succeeded() {
    return error == null;
  }

  /** The target's health after this scrape. */
  public TargetHealth health() {
    return new TargetHealth(succeeded(), startedAt, duration, succeeded() ? samples.size() : 0, error);
  }
}
