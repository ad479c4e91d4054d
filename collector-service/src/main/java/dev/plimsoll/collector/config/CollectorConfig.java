package dev.plimsoll.collector.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The collector's settings, {@code collector.*} (env {@code COLLECTOR_*}). */
@ConfigMapping(prefix = "collector")
public interface CollectorConfig {

  /** Where the simulator's platform API is. */
  Simulator simulator();

  /** How targets are discovered. */
  Discovery discovery();

  /** How often every target is scraped and one snapshot per workload is published. Defaults to {@code 1s}. */
  @WithDefault("1s")
  Duration scrapeInterval();

  /**
   * How long one scrape may take before the target counts as down for that round; at most the scrape
   * interval. Defaults to {@code 800ms}.
   */
  @WithDefault("800ms")
  Duration scrapeTimeout();

  /**
   * Spread scrapes over the interval: each target starts at a fixed offset derived from its URL, so
   * many targets do not fire at once. Defaults to {@code true}.
   */
  @WithDefault("true")
  boolean scrapeSpread();

  /** How the work is split between collector replicas. */
  ShardConfig shard();

  /** {@code collector.shard.*}: see {@link dev.plimsoll.collector.shard.Shard}. */
  interface ShardConfig {
    /** How many collector replicas share the workloads. Defaults to {@code 1}. */
    @WithDefault("1")
    int count();

    /** This replica's index; when unset, the ordinal of a StatefulSet host name ({@code collector-2}), else 0. */
    java.util.Optional<Integer> index();
  }

  /** Largest accepted (decompressed) scrape body; a larger one fails that target's scrape. Defaults to {@code 10M} (10 MiB). */
  @WithDefault("10M")
  MemorySize maxBodyBytes();

  /** Concurrent connections per scraped host:port (the simulator serves every replica on one port). Defaults to {@code 64}. */
  @WithDefault("64")
  int maxConnectionsPerHost();

  /**
   * The range signals are computed over: latest gauge values and counter rates look back this far.
   * Windows keep this long plus two scrape intervals. Defaults to {@code 30s}.
   */
  @WithDefault("30s")
  Duration signalWindow();

  /**
   * The least history kept per series (for the query API); the store keeps at least the longest range
   * a signal needs plus two scrape intervals. Defaults to {@code 1m}.
   */
  @WithDefault("1m")
  Duration retention();

  /** A signal whose newest sample is older than this is marked stale. Defaults to {@code 5s}. */
  @WithDefault("5s")
  Duration staleness();

  /** What one target may expose; a scrape over a limit fails for that target alone, with the limit named in its health. */
  Limits limits();

  /** {@code collector.limits.*} */
  interface Limits {
    /** Samples in one scrape. Defaults to {@code 50000}. */
    @WithDefault("50000")
    int samplesPerScrape();

    /** Distinct series one target exposes. Defaults to {@code 50000}. */
    @WithDefault("50000")
    int seriesPerTarget();

    /** Labels on one sample. Defaults to {@code 64}. */
    @WithDefault("64")
    int labelsPerSample();

    /** Characters in a label name. Defaults to {@code 256}. */
    @WithDefault("256")
    int labelNameLength();

    /** Bytes in a label value. Defaults to {@code 4096}. */
    @WithDefault("4096")
    int labelValueLength();

    /** Series kept in total, over every target; new series beyond it are refused and their target reported down. Defaults to {@code 2000000}. */
    @WithDefault("2000000")
    int seriesTotal();

    /** Samples one query may hold at once (query API and signals). Defaults to {@code 5000000}. */
    @WithDefault("5000000")
    int samplesPerQuery();
  }

  /** Signals added by configuration: {@code collector.signals.<name>.query} and so on. */
  Map<String, SignalConfig> signals();

  /** {@code collector.signals.<name>.*} */
  interface SignalConfig {
    /** The PromQL-subset query; {@code $workload} and {@code $window} are replaced per workload. */
    String query();

    /** {@code workload} (default; evaluated into each workload's snapshot) or {@code cluster}. */
    Optional<String> scope();

    /** Only for this workload id. */
    Optional<String> workload();

    Optional<String> description();

    /** The id of an external Prometheus ({@code collector.prometheus.<id>}) that answers the query, instead of the collector. */
    Optional<String> prometheus();
  }

  /** External Prometheus servers that signals may query: {@code collector.prometheus.<id>.*}. */
  Map<String, PrometheusSource> prometheus();

  /** {@code collector.prometheus.<id>.*} */
  interface PrometheusSource {
    /** Base URL, for example {@code http://prometheus.monitoring:9090}. */
    String url();

    /** How long one query may take. Defaults to {@code 2s}. */
    @WithDefault("2s")
    Duration timeout();

    /** Sent as {@code Authorization: Bearer <token>}. */
    Optional<String> bearerToken();

    /** Basic authentication user (with {@code password}). */
    Optional<String> username();

    Optional<String> password();
  }

  /** {@code collector.simulator.*} */
  interface Simulator {
    /** Base URL of the simulator. Defaults to {@code http://127.0.0.1:8090}. */
    @WithDefault("http://127.0.0.1:8090")
    String url();

    /** Discover the simulator's replicas. Defaults to {@code true}. */
    @WithDefault("true")
    boolean enabled();
  }

  /** {@code collector.discovery.*} */
  interface Discovery {
    /** How often the target list is refreshed. Defaults to {@code 5s}. */
    @WithDefault("5s")
    Duration refreshInterval();

    /** How long one discovery request may take. Defaults to {@code 2s}. */
    @WithDefault("2s")
    Duration timeout();

    /**
     * A file of static targets in Prometheus' {@code file_sd} JSON ({@code [{"targets": ["host:port"],
     * "labels": {"workload": "...", "__metrics_path__": "/metrics"}}]}), read every round. Unset by default.
     */
    @io.smallrye.config.WithName("static.file")
    Optional<String> staticFile();

    /** {@code collector.discovery.kubernetes.*} */
    Kubernetes kubernetes();

    /** {@code collector.discovery.swarm.*} */
    Swarm swarm();
  }

  /** Docker Swarm discovery through the Engine API (services and running tasks, opted in by label); see {@code docker-engine/README.md}. */
  interface Swarm {
    /** Discover opted-in Swarm services' tasks. Defaults to {@code false}. */
    @WithDefault("false")
    boolean enabled();

    /** The Engine: {@code unix:///var/run/docker.sock} (default), {@code tcp://host:2375} or {@code http://host:port}. */
    @WithDefault("unix:///var/run/docker.sock")
    String host();
  }

  /** Pod discovery on Kubernetes: see {@code kubernetes-discovery/README.md} for the annotations and the RBAC it needs. */
  interface Kubernetes {
    /** Discover annotated pods. Defaults to {@code false}. */
    @WithDefault("false")
    boolean enabled();

    /** Namespaces to watch; all when unset. */
    Optional<java.util.List<String>> namespaces();

    /** Only pods with these labels (a Kubernetes label selector, e.g. {@code app.kubernetes.io/part-of=llm}). */
    Optional<String> labelSelector();

    /** How long the first list of pods may take before the round fails. Defaults to {@code 10s}. */
    @WithDefault("10s")
    Duration syncTimeout();
  }
}
