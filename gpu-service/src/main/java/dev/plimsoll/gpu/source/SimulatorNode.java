package dev.plimsoll.gpu.source;

import java.util.List;

/**
 * One node as the simulator's {@code GET /api/v1/nodes} reports it (owned by the simulator, see
 * docs/contracts.md "Simulator API"). Unknown fields are ignored.
 */
public record SimulatorNode(String name, String gpuProduct, long gpuMemoryMiB, int gpuCapacity, int gpuAllocated, List<SimulatorGpu> gpus) {

  /** One GPU of a simulated node. */
  public record SimulatorGpu(int index, String uuid, String allocatedTo) {}
}
