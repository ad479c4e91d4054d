package dev.plimsoll.gpu.inventory;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A node and its GPUs (all of one product, as on a Kubernetes node labelled by GPU feature discovery).
 *
 * @param name node name
 * @param product GPU product, e.g. {@code NVIDIA-H100-80GB-HBM3}
 * @param memoryMiB memory of one GPU, in MiB
 * @param capacity physical GPUs on the node
 * @param allocated GPUs held by a workload
 * @param gpus the node's GPUs, ordered by index, where the source knows them one by one (the simulator, later
 *     DCGM); empty when it only knows counts (Kubernetes)
 */
public record GpuNode(String name, String product, long memoryMiB, int capacity, int allocated, List<Gpu> gpus) {

  public GpuNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(product, "product");
    gpus = gpus == null ? List.of() : gpus.stream().sorted(Comparator.comparingInt(Gpu::index)).toList();
    if (capacity < 0 || allocated < 0 || allocated > capacity) {
      throw new IllegalArgumentException("node " + name + ": need 0 <= allocated (" + allocated + ") <= capacity (" + capacity + ")");
    }
  }

  /** A node whose GPUs are known one by one: capacity and allocated are counted from them. */
  public GpuNode(String name, String product, long memoryMiB, List<Gpu> gpus) {
    this(name, product, memoryMiB, gpus == null ? 0 : gpus.size(), gpus == null ? 0 : (int) gpus.stream().filter(Gpu::allocated).count(),
        gpus);
  }

  public int free() {
    return capacity - allocated;
  }
}
