package dev.plimsoll.gateway.route;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps a public request URI {@code /api/<service>/<rest>} to the upstream URI
 * {@code <service base URL>/api/<rest>}, keeping the query string and the raw (still encoded) path.
 * Pure: no I/O, no framework.
 */
public final class RouteTable {

  /** What a URI resolves to. */
  public sealed interface Resolution {
    /** The request goes to {@code service} at {@code upstreamUri}. */
    record Routed(String service, String upstreamUri) implements Resolution {}

    /** The path is not under {@code /api/<service>}, or names no configured service. */
    record NoRoute(String reason) implements Resolution {}

    /** The path tries to leave its service's {@code /api} tree (a {@code ..} or {@code .} segment). */
    record Rejected(String reason) implements Resolution {}
  }

  private static final String PREFIX = "/api/";
  private final Map<String, String> baseUrls;

  /** @param baseUrls service name to base URL without a trailing slash, e.g. {@code scaler -> http://127.0.0.1:8082} */
  public RouteTable(Map<String, String> baseUrls) {
    var copy = new TreeMap<String, String>();
    baseUrls.forEach((name, url) -> copy.put(name, url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
    this.baseUrls = java.util.Collections.unmodifiableMap(copy);
  }

  public Map<String, String> baseUrls() {
    return baseUrls;
  }

  public Resolution resolve(String rawUri) {
    if (rawUri == null || !rawUri.startsWith(PREFIX)) {
      return new Resolution.NoRoute("not under /api/");
    }
    int queryAt = rawUri.indexOf('?');
    String path = queryAt < 0 ? rawUri : rawUri.substring(0, queryAt);
    String query = queryAt < 0 ? "" : rawUri.substring(queryAt);
    String afterPrefix = path.substring(PREFIX.length());
    int slash = afterPrefix.indexOf('/');
    String service = slash < 0 ? afterPrefix : afterPrefix.substring(0, slash);
    String rest = slash < 0 ? "" : afterPrefix.substring(slash);
    if (service.isEmpty()) {
      return new Resolution.NoRoute("no service named after /api/");
    }
    String base = baseUrls.get(service);
    if (base == null) {
      return new Resolution.NoRoute("no service '" + service + "'; known: " + String.join(", ", baseUrls.keySet()));
    }
    for (String segment : rest.split("/", -1)) {
      String decoded = segment.replace("%2e", ".").replace("%2E", ".");
      if (decoded.equals("..") || decoded.equals(".")) {
        return new Resolution.Rejected("path segment '" + segment + "' is not allowed");
      }
    }
    return new Resolution.Routed(service, base + "/api" + rest + query);
  }
}
