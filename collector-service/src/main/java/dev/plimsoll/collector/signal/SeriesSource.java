package dev.plimsoll.collector.signal;

import dev.plimsoll.collector.window.Series;
import java.util.List;

/** The series windows of one scrape target, by metric name. */
@FunctionalInterface
public interface SeriesSource {
  /** Every series of the target with that metric name (empty when there is none), points oldest first. */
  List<Series> series(String metricName);
}
