package dev.plimsoll.gpu.source;

import dev.plimsoll.gpu.inventory.GpuNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;

/** The inventory of a Docker Swarm ({@link SwarmCluster}) in whole GPUs. */
@ApplicationScoped
@Typed(SwarmInventorySource.class)
public class SwarmInventorySource implements InventorySource {
  private final SwarmCluster swarm;

  public SwarmInventorySource(SwarmCluster swarm) {
    this.swarm = swarm;
  }

  @Override
  public String name() {
    return "swarm";
  }

  @Override
  public String location() {
    return swarm.location();
  }

  @Override
  public Uni<List<GpuNode>> nodes() {
    return Uni.createFrom().item(() -> KubernetesInventorySource.toInventory(swarm.snapshot().nodes()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  @Override
  public String describe(Throwable failure) {
    return failure.getMessage() == null ? "the Docker Engine could not be read" : failure.getMessage();
  }
}
