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
 * @param gpus the node's GPUs, ordered by index
 */
public record GpuNode(String name, String product, long memoryMiB, List<Gpu> gpus) {

  public GpuNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(product, "product");
    gpus = gpus == null ? List.of() : gpus.stream().sorted(Comparator.comparingInt(Gpu::index)).toList();
  }

  public int capacity() {
    return gpus.size();
  }

  public int allocated() {
    return (int) gpus.stream().filter(Gpu::allocated).count();
  }

  public int free() {
    return capacity() - allocated();
  }
}
