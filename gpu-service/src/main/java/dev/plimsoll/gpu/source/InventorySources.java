package dev.plimsoll.gpu.source;

import dev.plimsoll.gpu.config.GpuConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The inventory source in use: Kubernetes when {@code gpu.kubernetes.enabled}, else Swarm when {@code gpu.swarm.enabled}, else the simulator. */
@ApplicationScoped
public class InventorySources {

  @Produces
  @ApplicationScoped
  InventorySource source(GpuConfig config, SimulatorInventorySource simulator, KubernetesInventorySource kubernetes,
      SwarmInventorySource swarm) {
    return config.kubernetes().enabled() ? kubernetes : config.swarm().enabled() ? swarm : simulator;
  }
}
