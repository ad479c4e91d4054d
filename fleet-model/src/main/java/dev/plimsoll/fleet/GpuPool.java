package dev.plimsoll.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** The simulated cluster's GPUs and which replica holds each. Not thread-safe. */
public final class GpuPool {

  private final List<SimNode> nodes;
  private final Map<String, String> allocatedTo = new HashMap<>(); // GPU uuid -> replica id

  public GpuPool(List<SimNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** {@code nodeCount} nodes named {@code sim-node-0, sim-node-1, ...}, each with {@code gpusPerNode} GPUs. */
  public static GpuPool uniform(int nodeCount, int gpusPerNode, String gpuProduct, long gpuMemoryMiB) {
    if (nodeCount < 0 || gpusPerNode < 0) {
      throw new IllegalArgumentException("node and GPU counts must be >= 0, got " + nodeCount + " x " + gpusPerNode);
    }
    return new GpuPool(IntStream.range(0, nodeCount)
        .mapToObj(i -> SimNode.of("sim-node-" + i, gpuProduct, gpuMemoryMiB, gpusPerNode)).toList());
  }

  public List<SimNode> nodes() {
    return nodes;
  }

  /** The replica holding this GPU, if any. */
  public Optional<String> allocatedTo(SimGpu gpu) {
    return Optional.ofNullable(allocatedTo.get(gpu.uuid()));
  }

  /**
   * Gives {@code count} free GPUs of one node to a replica: the first node (in order) with enough free GPUs,
   * its lowest free indices. Empty when no node has that many free.
   */
  public Optional<List<SimGpu>> allocate(String replicaId, int count) {
    for (SimNode node : nodes) {
      List<SimGpu> free = new ArrayList<>();
      for (SimGpu gpu : node.gpus()) {
        if (!allocatedTo.containsKey(gpu.uuid())) {
          free.add(gpu);
          if (free.size() == count) {
            free.forEach(g -> allocatedTo.put(g.uuid(), replicaId));
            return Optional.of(List.copyOf(free));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Frees every GPU the replica holds. */
  public void release(String replicaId) {
    allocatedTo.values().removeIf(replicaId::equals);
  }

  /** GPUs in the pool. */
  public int capacity() {
    return nodes.stream().mapToInt(n -> n.gpus().size()).sum();
  }

  /** GPUs held by some replica. */
  public int allocated() {
    return allocatedTo.size();
  }

  /** GPUs of one node held by some replica. */
  public int allocated(SimNode node) {
    return (int) node.gpus().stream().filter(g -> allocatedTo.containsKey(g.uuid())).count();
  }

  public int free() {
    return capacity() - allocated();
  }
}
