package dev.plimsoll.collector.store;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.exposition.Series;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels a scraped series is stored under: its own labels and {@code __name__}, plus the target's:
 * {@code instance} (host:port of the URL), {@code workload}, {@code replica} and what discovery knows
 * ({@code namespace}, {@code pod}, {@code node}, ...). Where the target and the exposition both set a
 * label, the target wins and the exposed value is kept as {@code exported_<name>}, as Prometheus does
 * without {@code honor_labels}. Labels with an empty value are left out, as PromQL treats them as
 * absent. Pure.
 */
public final class TargetLabels {
  public static final String INSTANCE = "instance";
  public static final String WORKLOAD = "workload";
  public static final String REPLICA = "replica";

  private TargetLabels() {}

  /** The target's own labels (without {@code __name__}). */
  public static Map<String, String> of(ScrapeTarget target) {
    Map<String, String> labels = new TreeMap<>(target.labels());
    labels.put(INSTANCE, instance(target.url()));
    labels.put(WORKLOAD, target.workload());
    if (!target.replica().isEmpty()) {
      labels.put(REPLICA, target.replica());
    }
    return labels;
  }

  /** A scraped series with the target's labels added. */
  public static Labels combine(Series series, Map<String, String> targetLabels) {
    Labels own = series.labels();
    Map<String, String> out = new TreeMap<>(targetLabels);
    for (int i = 0; i < own.size(); i++) {
      String name = own.name(i);
      String value = own.value(i);
      if (value.isEmpty()) {
        continue; // an empty label is no label (PromQL treats them alike; the store keys series without them)
      }
      if (out.containsKey(name)) {
        out.put("exported_" + name, value);
      } else {
        out.put(name, value);
      }
    }
    out.put("__name__", series.name());
    return Labels.of(out);
  }

  /** A synthetic series of the target ({@code up}, {@code scrape_duration_seconds}, ...). */
  public static Labels synthetic(String name, Map<String, String> targetLabels) {
    Map<String, String> out = new TreeMap<>(targetLabels);
    out.put("__name__", name);
    return Labels.of(out);
  }

  /** {@code host:port} of a URL (the scheme's default port when it has none), or the URL itself when it cannot be parsed. */
  static String instance(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null) {
        return url;
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
      return host + ":" + port;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
