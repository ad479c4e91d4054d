package dev.plimsoll.collector.discovery;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One endpoint to scrape. Its identity is its URL.
 *
 * @param url the metrics URL, for example {@code http://127.0.0.1:8090/fleets/chat/replicas/chat-0/metrics}
 * @param workload the workload id it belongs to ({@code platform/namespace/kind/name})
 * @param replica the replica (pod, task, simulated replica) it is, for example {@code chat-0}
 * @param labels what discovery knows about it (namespace, pod, node, ...), added to its series in queries
 * @param interval how often to scrape it, null for {@code collector.scrape-interval}
 * @param timeout how long one scrape may take, null for {@code collector.scrape-timeout} (never more than the interval)
 */
public record ScrapeTarget(String url, String workload, String replica, Map<String, String> labels, Duration interval, Duration timeout) {
  public ScrapeTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(replica, "replica");
    labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
    if (interval != null && (interval.isNegative() || interval.toMillis() < 100)) {
      throw new IllegalArgumentException("scrape interval of " + url + " must be at least 100ms, got " + interval);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("scrape timeout of " + url + " must be positive, got " + timeout);
    }
  }

  /** A target with the default interval and timeout and no labels. */
  public ScrapeTarget(String url, String workload, String replica) {
    this(url, workload, replica, Map.of(), null, null);
  }

  /** The interval to use: its own, else the default. */
  public Duration intervalOr(Duration defaultInterval) {
    return interval == null ? defaultInterval : interval;
  }

  /** The timeout to use: its own, else the default, never more than the interval. */
  public Duration timeoutOr(Duration defaultTimeout, Duration defaultInterval) {
    Duration t = timeout == null ? defaultTimeout : timeout;
    Duration i = intervalOr(defaultInterval);
    return t.compareTo(i) > 0 ? i : t;
  }
}
