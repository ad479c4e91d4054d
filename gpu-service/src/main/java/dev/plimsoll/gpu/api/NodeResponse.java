package dev.plimsoll.gpu.api;

import dev.plimsoll.gpu.inventory.Gpu;
import dev.plimsoll.gpu.inventory.GpuNode;
import java.util.List;

/**
 * One node of {@code GET /api/v1/nodes}.
 *
 * @param name node name
 * @param product GPU product
 * @param memoryMiB memory of one GPU, in MiB
 * @param capacity GPUs on the node
 * @param allocated GPUs held by a workload
 * @param free GPUs not held
 * @param gpus the GPUs, by index; {@code allocatedTo} is null for a free GPU
 */
public record NodeResponse(String name, String product, long memoryMiB, int capacity, int allocated, int free, List<Gpu> gpus) {

  static NodeResponse of(GpuNode n) {
    return new NodeResponse(n.name(), n.product(), n.memoryMiB(), n.capacity(), n.allocated(), n.free(), n.gpus());
  }
}
