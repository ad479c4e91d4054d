package dev.plimsoll.collector.statictarget;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.events.WorkloadId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group of static targets in Prometheus' {@code file_sd} shape: {@code {"targets": ["host:port", ...],
 * "labels": {...}}}. Reserved labels, as in Prometheus: {@code __scheme__} (default {@code http}),
 * {@code __metrics_path__} (default {@code /metrics}), {@code __scrape_interval__},
 * {@code __scrape_timeout__}; and Plimsoll's {@code workload} (a {@code platform/namespace/kind/name}
 * id; default {@code static/default/Target/<host:port>}) and {@code replica} (default the host:port).
 * Other labels become target labels. Pure.
 *
 * @param targets host:port entries (a full http(s) URL is accepted too)
 * @param labels the group's labels
 */
public record StaticTargetGroup(List<String> targets, Map<String, String> labels) {
  public StaticTargetGroup {
    targets = targets == null ? List.of() : List.copyOf(targets);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /**
   * The scrape targets of this group.
   *
   * @throws IllegalArgumentException naming the entry and what is wrong with it
   */
  public List<ScrapeTarget> toTargets() {
    String scheme = labels.getOrDefault("__scheme__", "http");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("__scheme__ must be http or https, got " + scheme);
    }
    String path = labels.getOrDefault("__metrics_path__", "/metrics");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("__metrics_path__ must start with /, got " + path);
    }
    Duration interval = duration("__scrape_interval__");
    Duration timeout = duration("__scrape_timeout__");
    Map<String, String> extra = new TreeMap<>();
    labels.forEach((k, v) -> {
      if (!k.startsWith("__") && !k.equals("workload") && !k.equals("replica")) {
        if (!k.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
          throw new IllegalArgumentException("invalid label name " + k);
        }
        extra.put(k, v);
      }
    });
    List<ScrapeTarget> out = new ArrayList<>();
    for (String t : targets) {
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException("empty target in a static group");
      }
      String url;
      String hostPort;
      if (t.startsWith("http://") || t.startsWith("https://")) {
        url = t;
        java.net.URI uri = java.net.URI.create(t);
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("target " + t + " has no host");
        }
        hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
      } else {
        if (!t.matches("[A-Za-z0-9.\\-_\\[\\]:]+")) {
          throw new IllegalArgumentException("target " + t + " is not host:port");
        }
        hostPort = t;
        url = scheme + "://" + t + path;
      }
      String workload = labels.get("workload");
      if (workload == null) {
        workload = "static/default/Target/" + hostPort.replace('/', '_');
      }
      WorkloadId.parse(workload); // throws with the reason
      out.add(new ScrapeTarget(url, workload, labels.getOrDefault("replica", hostPort), extra, interval, timeout));
    }
    return out;
  }

  private Duration duration(String label) {
    String text = labels.get(label);
    if (text == null) {
      return null;
    }
    return Duration.ofMillis(dev.plimsoll.promql.parse.Durations.positiveMillis(text)
        .orElseThrow(() -> new IllegalArgumentException(label + " is not a duration like 15s or 1m: " + text)));
  }

}
