package dev.plimsoll.fleet;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One simulated GPU node.
 *
 * @param name         e.g. {@code sim-node-0}
 * @param gpuProduct   as GPU feature discovery labels it, e.g. {@code NVIDIA-H100-80GB-HBM3}
 * @param gpuMemoryMiB memory of each GPU in MiB
 * @param gpus         its GPUs, by index
 */
public record SimNode(String name, String gpuProduct, long gpuMemoryMiB, List<SimGpu> gpus) {

  public SimNode {
    gpus = List.copyOf(gpus);
  }

  /** A node with {@code gpuCount} identical GPUs. */
  public static SimNode of(String name, String gpuProduct, long gpuMemoryMiB, int gpuCount) {
    return new SimNode(name, gpuProduct, gpuMemoryMiB, IntStream.range(0, gpuCount).mapToObj(i -> SimGpu.of(name, i)).toList());
  }
}
