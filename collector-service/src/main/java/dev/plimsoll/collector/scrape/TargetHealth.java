package dev.plimsoll.collector.scrape;

import java.time.Duration;
import java.time.Instant;

/**
 * A target's state after its last scrape.
 *
 * @param up the last scrape succeeded
 * @param lastScrape when the last scrape started, null before the first
 * @param lastDuration how long it took, null before the first
 * @param samples samples in the last successful scrape (0 after a failure)
 * @param lastError why the last scrape failed, null when it succeeded
 */
public record TargetHealth(boolean up, Instant lastScrape, Duration lastDuration, int samples, String lastError) {
  /** A target that has not been scraped yet: down, without an error. */
  public static final TargetHealth NEVER_SCRAPED = new TargetHealth(false, null, null, 0, null);
}
