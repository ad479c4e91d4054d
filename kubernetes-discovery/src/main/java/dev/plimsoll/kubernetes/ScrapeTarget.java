package dev.plimsoll.kubernetes;

import dev.plimsoll.events.WorkloadId;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One pod endpoint to scrape.
 *
 * @param url            full scrape URL, e.g. {@code http://10.1.2.3:8000/metrics} or {@code http://[fd00::5]:8000/metrics}
 * @param workload       the scalable unit the pod belongs to, e.g. {@code kubernetes/llm/Deployment/vllm-llama}
 * @param replica        the pod name
 * @param labels         target labels mirroring Prometheus' {@code __meta_kubernetes_pod_*} without the prefix:
 *                       {@code namespace}, {@code pod}, {@code node}, {@code pod_ip}, {@code container} (when the port
 *                       came from a declared container port) and {@code pod_label_<sanitised name>}; sorted by name
 * @param scrapeInterval from {@code plimsoll.dev/scrape-interval}, or {@code null} for the collector's default
 * @param scrapeTimeout  from {@code plimsoll.dev/scrape-timeout}, or {@code null} for the collector's default
 */
public record ScrapeTarget(String url, WorkloadId workload, String replica, Map<String, String> labels,
    Duration scrapeInterval, Duration scrapeTimeout) {

  public ScrapeTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(replica, "replica");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The pod's namespace (the {@code namespace} label). */
  public String namespace() {
    return labels.get("namespace");
  }
}
