package dev.plimsoll.kubernetes;

/** The pod annotations that discovery reads. */
public final class PodAnnotations {

  /** {@code "true"} opts a pod in to scraping. */
  public static final String SCRAPE = "prometheus.io/scrape";
  /** Port number, or the name of a declared container port. Defaults to the pod's only declared TCP port. */
  public static final String PORT = "prometheus.io/port";
  /** Defaults to {@code /metrics}. */
  public static final String PATH = "prometheus.io/path";
  /** {@code http} or {@code https}. Defaults to {@code http}. */
  public static final String SCHEME = "prometheus.io/scheme";
  /** A full {@code platform/namespace/kind/name} that overrides the owner-reference workload. */
  public static final String WORKLOAD = "plimsoll.dev/workload";
  /** Go-style duration, e.g. {@code 5s}. Defaults to the collector's interval. */
  public static final String SCRAPE_INTERVAL = "plimsoll.dev/scrape-interval";
  /** Go-style duration, e.g. {@code 500ms}; at most the interval when both are set. Defaults to the collector's timeout. */
  public static final String SCRAPE_TIMEOUT = "plimsoll.dev/scrape-timeout";

  private PodAnnotations() {}
}
