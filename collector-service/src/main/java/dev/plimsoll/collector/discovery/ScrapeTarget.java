package dev.plimsoll.collector.discovery;

import java.util.Objects;

/**
 * One endpoint to scrape. Its identity is its URL.
 *
 * @param url the metrics URL, for example {@code http://127.0.0.1:8090/fleets/chat/replicas/chat-0/metrics}
 * @param workload the workload id it belongs to ({@code platform/namespace/kind/name})
 * @param replica the replica (pod, task, simulated replica) it is, for example {@code chat-0}
 */
public record ScrapeTarget(String url, String workload, String replica) {
  public ScrapeTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(replica, "replica");
  }
}
