package dev.plimsoll.scaler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The scaler's own settings ({@code scaler.*}, env {@code SCALER_*}). The simulator's base URL and timeouts
 * are the REST client's: {@code quarkus.rest-client.simulator.url} (env {@code QUARKUS_REST_CLIENT_SIMULATOR_URL}).
 */
@ConfigMapping(prefix = "scaler")
public interface ScalerConfig {

  /**
   * A snapshot observed longer ago than this is treated as stale: its metric counts as unavailable, so a
   * backlog of old snapshots (after a restart, say) never drives scaling. Defaults to {@code 30s}.
   */
  @WithDefault("30s")
  Duration maxSnapshotAge();

  /**
   * How often a workload whose snapshots have stopped (none within {@link #maxSnapshotAge()}) is evaluated
   * anyway, with its metric missing, so that its fallback can act. Defaults to {@code 10s}.
   */
  @WithDefault("10s")
  Duration quietEvaluationInterval();

  /**
   * The same actuation failure of one workload is stored in the decision audit at most once per this
   * interval (every evaluation is still published and counted). Defaults to {@code 1m}.
   */
  @WithDefault("1m")
  Duration failureAuditInterval();

  /** How long publishing one decision event may take before it is given up (and logged). Defaults to {@code 5s}. */
  @WithDefault("5s")
  Duration publishTimeout();

  /** The simulator actuator. */
  Simulator simulator();

  /** Backtests ({@code POST /api/v1/backtests}): {@code scaler.backtest.*}. */
  Backtest backtest();

  /** {@code scaler.backtest.*} */
  interface Backtest {
    /** The most requests a trace may have. Defaults to {@code 500000}. */
    @WithDefault("500000")
    int maxRequests();

    /**
     * The most requests a trace may have where hindsight or a sweep is asked for: each replays it dozens of times (the
     * sweep 90) on the one backtest thread. Defaults to {@code 100000}.
     */
    @WithDefault("100000")
    int maxSearchRequests();
  }

  interface Simulator {
    /**
     * Scale simulated fleets (workloads {@code simulated/...}) and check the simulator for readiness. Off in a
     * cluster, where there is no simulator (deploy/k8s sets {@code SCALER_SIMULATOR_ENABLED=false}): the readiness
     * check would otherwise never pass. Defaults to {@code true}.
     */
    @WithDefault("true")
    boolean enabled();

    /** Timeout of the readiness probe {@code GET /api/v1/fleets}. Defaults to {@code 1s}. */
    @WithDefault("1s")
    Duration healthTimeout();
  }

  /** Docker Swarm actuation: {@code scaler.swarm.*}. */
  Swarm swarm();

  /** {@code scaler.swarm.*} */
  interface Swarm {
    /** Scale Swarm services (workloads {@code swarm/<namespace>/Service/<name>}). Defaults to {@code false}. */
    @io.smallrye.config.WithDefault("false")
    boolean enabled();

    /** The Engine: {@code unix:///var/run/docker.sock} (default), {@code tcp://host:2375} or {@code http://host:port}. */
    @io.smallrye.config.WithDefault("unix:///var/run/docker.sock")
    String host();

    /** How long one Engine call may take. Defaults to {@code 5s}. */
    @io.smallrye.config.WithDefault("5s")
    java.time.Duration timeout();
  }

  /** The gpu-service's headroom: {@code scaler.gpu.*} (its URL is {@code quarkus.rest-client.gpu.url}). */
  Gpu gpu();

  /** {@code scaler.gpu.*} */
  interface Gpu {
    /** Cap scale-ups by the replicas that fit on free GPUs, asked of the gpu-service. Defaults to {@code true}. */
    @io.smallrye.config.WithDefault("true")
    boolean enabled();
  }

  /** Kubernetes actuation: {@code scaler.kubernetes.*}. */
  Kubernetes kubernetes();

  /** {@code scaler.kubernetes.*} */
  interface Kubernetes {
    /** Scale Kubernetes workloads through their /scale subresource. Defaults to {@code false}. */
    @io.smallrye.config.WithDefault("false")
    boolean enabled();

    /**
     * Watch {@code ScalingPolicy} custom resources (plimsoll.dev/v1alpha1, CRD in deploy/k8s/base) in every
     * namespace, keep each as a policy and write status back. Defaults to {@code false}.
     */
    @io.smallrye.config.WithDefault("false")
    boolean policies();

    /** How often at most one ScalingPolicy's status is written for decisions that change nothing new. Defaults to {@code 10s}. */
    @io.smallrye.config.WithDefault("10s")
    java.time.Duration statusInterval();
  }
}
