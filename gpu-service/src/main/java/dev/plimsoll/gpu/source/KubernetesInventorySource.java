package dev.plimsoll.gpu.source;

import dev.plimsoll.gpu.cluster.GpuResource;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.inventory.GpuNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.List;

/**
 * The inventory of a Kubernetes cluster ({@link KubernetesCluster}) in whole GPUs: a node's capacity is its
 * physical GPUs ({@code nvidia.com/gpu.count}, else its allocatable {@code nvidia.com/gpu}); allocated are the
 * {@code nvidia.com/gpu} units its pods hold on a node of whole GPUs, and on a MIG or shared node the GPUs needed to
 * hold the allocated slices (units ÷ units per GPU, rounded up: a lower bound of the GPUs in use). Exact per-resource
 * figures are in {@code /api/v1/allocations} and in placements.
 */
@ApplicationScoped
@Typed(KubernetesInventorySource.class)
public class KubernetesInventorySource implements InventorySource {
  private final KubernetesCluster cluster;

  public KubernetesInventorySource(KubernetesCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public String location() {
    try {
      return cluster.client().getMasterUrl().toString();
    } catch (RuntimeException e) {
      return "the Kubernetes API";
    }
  }

  @Override
  public Uni<List<GpuNode>> nodes() {
    return Uni.createFrom().item(() -> toInventory(cluster.snapshot().nodes()));
  }

  static List<GpuNode> toInventory(List<NodeGpus> nodes) {
    List<GpuNode> out = new ArrayList<>();
    for (NodeGpus n : nodes) {
      long units = 0;
      long allocatedUnits = 0;
      for (var e : n.allocatable().entrySet()) {
        units += e.getValue();
        allocatedUnits += n.allocated().getOrDefault(e.getKey(), 0L);
      }
      boolean whole = n.resourceFor(GpuResource.Kind.FULL, null) != null;
      int capacity = n.labels().count() != null ? n.labels().count() : (int) n.allocatable().getOrDefault(GpuResource.GPU, 0L).longValue();
      long allocated;
      if (whole) {
        allocated = n.allocated().getOrDefault(GpuResource.GPU, 0L);
      } else {
        long perGpu = capacity == 0 ? 1 : Math.max(1, units / capacity);
        allocated = (allocatedUnits + perGpu - 1) / perGpu;
      }
      out.add(new GpuNode(n.name(), n.labels().product() == null ? "unknown" : n.labels().product(),
          n.labels().memoryMiB() == null ? 0 : n.labels().memoryMiB(), capacity, (int) Math.min(capacity, allocated), List.of()));
    }
    return out;
  }

  @Override
  public String describe(Throwable failure) {
    return failure.getMessage() == null ? "the Kubernetes API could not be read" : failure.getMessage();
  }
}
