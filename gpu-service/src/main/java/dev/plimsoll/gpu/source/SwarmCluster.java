package dev.plimsoll.gpu.source;

import dev.plimsoll.docker.DockerEngine;
import dev.plimsoll.docker.DockerHost;
import dev.plimsoll.docker.EngineOptions;
import dev.plimsoll.gpu.config.GpuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;

/** Reads a Docker Swarm's GPU nodes and GPU tasks through the Engine API when {@code gpu.swarm.enabled} (blocking calls). */
@ApplicationScoped
public class SwarmCluster {
  private final GpuConfig config;
  private volatile DockerEngine engine;

  public SwarmCluster(GpuConfig config) {
    this.config = config;
  }

  public boolean enabled() {
    return config.swarm().enabled();
  }

  public String location() {
    return config.swarm().host();
  }

  /** Nodes with GPUs and the tasks reserving them, read now. */
  public KubernetesCluster.Snapshot snapshot() {
    DockerEngine e = engine();
    return SwarmGpus.of(e.get("/nodes"), e.get("/tasks"), Set.copyOf(config.swarm().gpuKinds()));
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
