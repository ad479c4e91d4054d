package dev.plimsoll.gpu.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the GPU service. Every key can be set by an environment variable ({@code GPU_REFRESH_INTERVAL}). */
@ConfigMapping(prefix = "gpu")
public interface GpuConfig {

  /** How often the inventory is re-read from its source; the REST API answers from the last read. Defaults to {@code 5s}. */
  @WithDefault("5s")
  Duration refreshInterval();

  /** DCGM live state: {@code gpu.dcgm.*}. */
  Dcgm dcgm();

  /** {@code gpu.dcgm.*} */
  interface Dcgm {
    /** Read dcgm-exporter's metrics from the collector's query API ({@code quarkus.rest-client.collector.url}). Defaults to {@code true}. */
    @WithDefault("true")
    boolean enabled();

    /** Used framebuffer share at or above which a GPU is under memory pressure. Defaults to {@code 0.95}. */
    @WithDefault("0.95")
    double memoryPressure();

    /** Busy share (engine activity, else utilisation) below which a GPU held by a pod is idle. Defaults to {@code 0.05}. */
    @WithDefault("0.05")
    double idleBusy();

    /** How long a GPU must stay idle before it is reported (and published as waste). Defaults to {@code 10m}. */
    @WithDefault("10m")
    Duration idleWindow();
  }

  /** Docker Swarm: {@code gpu.swarm.*}. */
  Swarm swarm();

  /** {@code gpu.swarm.*} */
  interface Swarm {
    /** Read the inventory from a Docker Swarm's nodes (generic resources) and tasks (reservations). Defaults to {@code false}. */
    @WithDefault("false")
    boolean enabled();

    /** The Engine: {@code unix:///var/run/docker.sock} (default), {@code tcp://host:2375} or {@code http://host:port}. */
    @WithDefault("unix:///var/run/docker.sock")
    String host();

    /** The generic-resource kinds that are NVIDIA GPUs ({@code node-generic-resources} in daemon.json). */
    @WithDefault("NVIDIA-GPU,GPU,gpu")
    java.util.List<String> gpuKinds();
  }

  /** Kubernetes: {@code gpu.kubernetes.*}. */
  Kubernetes kubernetes();

  /** {@code gpu.kubernetes.*} */
  interface Kubernetes {
    /**
     * Read the inventory from the cluster (nodes' NVIDIA resources and GFD labels, pods' GPU requests) instead of
     * the simulator. Defaults to {@code false}.
     */
    @WithDefault("false")
    boolean enabled();
  }
}
