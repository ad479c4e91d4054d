package dev.plimsoll.simulator.api;

import java.util.List;

/** A simulated GPU node, as {@code GET /api/v1/nodes} returns it. */
public record NodeView(String name, String gpuProduct, long gpuMemoryMiB, int gpuCapacity, int gpuAllocated,
    List<GpuView> gpus) {

  /** One GPU; {@code allocatedTo} is the replica id holding it, or null. */
  public record GpuView(int index, String uuid, String allocatedTo) {}
}
