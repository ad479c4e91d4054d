package dev.plimsoll.gpu.source;

import dev.plimsoll.gpu.inventory.Gpu;
import dev.plimsoll.gpu.inventory.GpuNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Reads the simulator's GPU nodes ({@code GET /api/v1/nodes}) and maps them to the core's records. */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(SimulatorInventorySource.class)
public class SimulatorInventorySource implements InventorySource {

  private final SimulatorRestClient client;
  private final String url;

  public SimulatorInventorySource(@RestClient SimulatorRestClient client,
      @ConfigProperty(name = "quarkus.rest-client.simulator.url") String url) {
    this.client = client;
    this.url = url;
  }

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public String location() {
    return url;
  }

  @Override
  public Uni<List<GpuNode>> nodes() {
    return client.nodes().map(SimulatorInventorySource::toNodes);
  }

  static List<GpuNode> toNodes(List<SimulatorNode> nodes) {
    if (nodes == null) {
      throw new IllegalStateException("the simulator answered no node list");
    }
    var result = new ArrayList<GpuNode>(nodes.size());
    for (SimulatorNode n : nodes) {
      if (n == null || n.name() == null) {
        throw new IllegalStateException("the simulator answered a node without a name");
      }
      var gpus = new ArrayList<Gpu>();
      if (n.gpus() != null) {
        for (SimulatorNode.SimulatorGpu g : n.gpus()) {
          if (g == null || g.uuid() == null) {
            throw new IllegalStateException("node " + n.name() + " has a GPU without a uuid");
          }
          gpus.add(new Gpu(g.index(), g.uuid(), g.allocatedTo()));
        }
      }
      result.add(new GpuNode(n.name(), n.gpuProduct() == null ? "unknown" : n.gpuProduct(), n.gpuMemoryMiB(), gpus));
    }
    return result;
  }

  @Override
  public String describe(Throwable failure) {
    Throwable e = failure;
    while (e.getCause() != null && e.getCause() != e && (e.getMessage() == null || e instanceof java.util.concurrent.CompletionException)) {
      e = e.getCause();
    }
    if (e instanceof WebApplicationException w && w.getResponse() != null) {
      return "HTTP " + w.getResponse().getStatus() + " from " + url + "/api/v1/nodes";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "the request to " + url + "/api/v1/nodes failed" : message;
  }
}
