package dev.plimsoll.gpu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plimsoll.gpu.cluster.GpuLabels;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.inventory.Gpu;
import dev.plimsoll.gpu.inventory.GpuNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of {@code GET /api/v1/nodes}: its whole-GPU totals and, where known, what the device plugin and GPU feature
 * discovery say of it (labels, every NVIDIA resource with capacity, allocatable, allocated and free units, readiness,
 * cordon, unknown MIG resource names and unhealthy GPUs).
 *
 * @param name node name
 * @param product GPU product
 * @param memoryMiB memory of one GPU, in MiB
 * @param capacity GPUs on the node
 * @param allocated GPUs held by a workload
 * @param free GPUs not held
 * @param gpus the GPUs, by index, where the source knows them one by one; {@code allocatedTo} is null for a free GPU
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeResponse(String name, String product, long memoryMiB, int capacity, int allocated, int free, List<Gpu> gpus,
    Boolean ready, Boolean schedulable, GpuLabels labels, Map<String, Units> resources, List<String> unknownResources,
    List<String> unhealthy) {

  /** One resource's units. */
  public record Units(long capacity, long allocatable, long allocated, long free) {}

  static NodeResponse of(GpuNode n, NodeGpus detail) {
    if (detail == null) {
      return new NodeResponse(n.name(), n.product(), n.memoryMiB(), n.capacity(), n.allocated(), n.free(), n.gpus(), null, null, null, null,
          null, null);
    }
    Map<String, Units> units = new TreeMap<>();
    detail.allocatable().forEach((r, a) -> units.put(r, new Units(detail.capacity().getOrDefault(r, a), a,
        detail.allocated().getOrDefault(r, 0L), detail.free(r))));
    return new NodeResponse(n.name(), n.product(), n.memoryMiB(), n.capacity(), n.allocated(), n.free(), n.gpus(), detail.ready(),
        detail.schedulable(), detail.labels(), units, detail.unknownResources(), detail.unhealthy());
  }
}
