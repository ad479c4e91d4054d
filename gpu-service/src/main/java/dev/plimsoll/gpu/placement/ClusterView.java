package dev.plimsoll.gpu.placement;

import dev.plimsoll.gpu.cluster.GpuLabels;
import dev.plimsoll.gpu.cluster.GpuResource;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.inventory.GpuNode;
import dev.plimsoll.gpu.inventory.Observation;
import dev.plimsoll.gpu.problem.InventoryUnavailableException;
import dev.plimsoll.gpu.refresh.InventoryCache;
import dev.plimsoll.gpu.source.InventorySource;
import dev.plimsoll.gpu.source.KubernetesCluster;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The nodes placements are judged on, per resource: the Kubernetes cluster as its informers see it now, or the newest
 * Swarm or simulator inventory read (whole GPUs: {@code nvidia.com/gpu}, every node Ready).
 */
@ApplicationScoped
public class ClusterView {
  private final KubernetesCluster cluster;
  private final InventoryCache cache;
  private final InventorySource source;
  private final dev.plimsoll.gpu.live.LiveGpus live;
  private final dev.plimsoll.gpu.source.SwarmCluster swarm;

  /** Nodes at a time, from a source. */
  public record Nodes(String source, Instant observedAt, List<NodeGpus> nodes, List<dev.plimsoll.gpu.cluster.PodGpus> pods) {}

  public ClusterView(KubernetesCluster cluster, InventoryCache cache, InventorySource source, dev.plimsoll.gpu.live.LiveGpus live,
      dev.plimsoll.gpu.source.SwarmCluster swarm) {
    this.swarm = swarm;
    this.live = live;
    this.cluster = cluster;
    this.cache = cache;
    this.source = source;
  }

  /** The nodes now, each with its unhealthy GPUs (DCGM), and the GPU pods. */
  public Nodes nodes(Instant now) {
    Nodes n = raw(now);
    Map<String, List<String>> unhealthy = live.unhealthyByNode();
    if (unhealthy.isEmpty()) {
      return n;
    }
    return new Nodes(n.source(), n.observedAt(), n.nodes().stream().map(x -> x.withUnhealthy(unhealthy.getOrDefault(x.name(), List.of())))
        .toList(), n.pods());
  }

  private Nodes raw(Instant now) {
    if (cluster.enabled()) {
      if (!cluster.synced()) {
        throw new InventoryUnavailableException("kubernetes", source.location(), "the node and pod informers have not listed yet");
      }
      KubernetesCluster.Snapshot s = cluster.snapshot();
      return new Nodes("kubernetes", now, s.nodes(), s.pods());
    }
    if (swarm.enabled()) {
      KubernetesCluster.Snapshot s = swarm.last();
      Observation o = cache.status().lastSuccess();
      if (s == null || o == null) {
        throw new InventoryUnavailableException("swarm", swarm.location(), cache.status().notReadyReason());
      }
      return new Nodes("swarm", o.observedAt(), s.nodes(), s.pods());
    }
    Observation o = cache.status().lastSuccess();
    if (o == null) {
      throw new InventoryUnavailableException(source.name(), source.location(), cache.status().notReadyReason());
    }
    return new Nodes(o.source(), o.observedAt(), fromInventory(o.nodes()), List.of());
  }

  /** Simulated nodes as whole-GPU nodes: {@code nvidia.com/gpu} = their GPUs, GFD-like labels from product and memory. */
  static List<NodeGpus> fromInventory(List<GpuNode> nodes) {
    List<NodeGpus> out = new ArrayList<>();
    for (GpuNode n : nodes) {
      GpuLabels labels = GpuLabels.of(Map.of("nvidia.com/gpu.product", n.product(), "nvidia.com/gpu.memory", String.valueOf(n.memoryMiB()),
          "nvidia.com/gpu.count", String.valueOf(n.capacity())));
      Map<String, Long> units = Map.of(GpuResource.GPU, (long) n.capacity());
      out.add(new NodeGpus(n.name(), labels, units, units, Map.of(GpuResource.GPU, (long) n.allocated()), true, true, List.of()));
    }
    return out;
  }
}
