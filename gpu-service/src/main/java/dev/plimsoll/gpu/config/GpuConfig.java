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
