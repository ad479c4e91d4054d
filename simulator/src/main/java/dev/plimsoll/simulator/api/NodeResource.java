package dev.plimsoll.simulator.api;

import dev.plimsoll.fleet.GpuPool;
import dev.plimsoll.fleet.SimNode;
import dev.plimsoll.simulator.sim.Simulation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The simulated GPU nodes and which replica holds each GPU. */
@Path("/api/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

  private final Simulation simulation;

  public NodeResource(Simulation simulation) {
    this.simulation = simulation;
  }

  @GET
  public List<NodeView> list() {
    return simulation.read(view -> view.pool().nodes().stream().map(n -> toView(view.pool(), n)).toList());
  }

  private static NodeView toView(GpuPool pool, SimNode node) {
    List<NodeView.GpuView> gpus = node.gpus().stream()
        .map(g -> new NodeView.GpuView(g.index(), g.uuid(), pool.allocatedTo(g).orElse(null))).toList();
    return new NodeView(node.name(), node.gpuProduct(), node.gpuMemoryMiB(), node.gpus().size(), pool.allocated(node), gpus);
  }
}
