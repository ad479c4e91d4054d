package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import java.time.Instant;

/**
 * One target as GET /api/v1/targets shows it (contract: docs/contracts.md, "Collector API").
 *
 * @param url the metrics URL scraped
 * @param workload the workload id the target belongs to
 * @param replica the replica id
 * @param up whether the last scrape succeeded (false before the first)
 * @param lastScrape when the last scrape started, null before the first
 * @param lastError why the last scrape failed, null when it succeeded
 * @param scrapeDurationSeconds how long the last scrape took, null before the first
 * @param samples samples in the last successful scrape
 */
public record TargetView(String url, String workload, String replica, boolean up, Instant lastScrape, String lastError,
    Double scrapeDurationSeconds, int samples) {

  static TargetView of(ScrapeTarget target, TargetHealth health) {
    Double seconds = health.lastDuration() == null ? null : health.lastDuration().toNanos() / 1e9;
    return new TargetView(target.url(), target.workload(), target.replica(), health.up(), health.lastScrape(), health.lastError(),
        seconds, health.samples());
  }
}
