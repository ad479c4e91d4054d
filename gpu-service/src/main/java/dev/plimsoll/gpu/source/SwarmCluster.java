package dev.plimsoll.gpu.source;

import dev.plimsoll.docker.DockerEngine;
import dev.plimsoll.docker.DockerHost;
import dev.plimsoll.docker.EngineOptions;
import dev.plimsoll.gpu.config.GpuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;

/**
 * Reads a Docker Swarm's GPU nodes and GPU tasks through the Engine API when {@code gpu.swarm.enabled} (blocking calls,
 * made by the inventory refresher); the API answers from the newest read ({@link #last()}), never with a call per request.
 */
@ApplicationScoped
public class SwarmCluster {
  private final GpuConfig config;
  private volatile DockerEngine engine;
  private volatile KubernetesCluster.Snapshot last;

  public SwarmCluster(GpuConfig config) {
    this.config = config;
  }

  public boolean enabled() {
    return config.swarm().enabled();
  }

  public String location() {
    return config.swarm().host();
  }

  /** Nodes with GPUs and the tasks reserving them, read now (and kept as {@link #last()}). */
  public KubernetesCluster.Snapshot snapshot() {
    DockerEngine e = engine();
    KubernetesCluster.Snapshot s = SwarmGpus.of(e.get("/nodes"), e.get("/tasks"), Set.copyOf(config.swarm().gpuKinds()));
    last = s;
    return s;
  }

  /** The newest successful read, or null before the first. */
  public KubernetesCluster.Snapshot last() {
    return last;
  }

  private DockerEngine engine() {
    DockerEngine e = engine;
    if (e == null) {
      e = new DockerEngine(DockerHost.parse(config.swarm().host()),
          EngineOptions.DEFAULTS.withConnectTimeout(Duration.ofSeconds(5)).withReadTimeout(Duration.ofSeconds(10)));
      engine = e;
    }
    return e;
  }
}
