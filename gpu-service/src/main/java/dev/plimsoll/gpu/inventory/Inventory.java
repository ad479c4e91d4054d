package dev.plimsoll.gpu.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of GPU nodes adds up to: totals, per node and per GPU product.
 *
 * @param nodes number of nodes
 * @param gpus GPUs on all nodes
 * @param allocated GPUs held by a workload
 * @param free GPUs not held ({@code gpus - allocated})
 * @param perNode one entry per node, ordered by name
 * @param perProduct one entry per GPU product, ordered by product
 */
public record Inventory(int nodes, int gpus, int allocated, int free, List<NodeTotals> perNode, List<ProductTotals> perProduct) {

  public static final Inventory EMPTY = of(List.of());

  /** One node's capacity, allocated and free GPUs. */
  public record NodeTotals(String name, String product, long memoryMiB, int capacity, int allocated, int free) {}

  /** One GPU product's nodes and GPUs. */
  public record ProductTotals(String product, int nodes, int gpus, int allocated, int free) {}

  public static Inventory of(List<GpuNode> nodes) {
    var perNode = new ArrayList<NodeTotals>(nodes.size());
    Map<String, int[]> products = new TreeMap<>(); // product -> {nodes, gpus, allocated}
    int gpus = 0;
    int allocated = 0;
    for (GpuNode n : nodes) {
      perNode.add(new NodeTotals(n.name(), n.product(), n.memoryMiB(), n.capacity(), n.allocated(), n.free()));
      gpus += n.capacity();
      allocated += n.allocated();
      int[] p = products.computeIfAbsent(n.product(), k -> new int[3]);
      p[0]++;
      p[1] += n.capacity();
      p[2] += n.allocated();
    }
    perNode.sort(Comparator.comparing(NodeTotals::name));
    var perProduct = products.entrySet().stream()
        .map(e -> new ProductTotals(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[1] - e.getValue()[2]))
        .toList();
    return new Inventory(nodes.size(), gpus, allocated, gpus - allocated, List.copyOf(perNode), perProduct);
  }

  /** A node whose GPU count changed between two inventories ({@code before} or {@code after} null: it appeared or went). */
  public record CapacityChange(String node, Integer before, Integer after) {}

  /** The nodes whose GPU count differs between {@code before} and {@code after}, by name. */
  public static java.util.List<CapacityChange> changes(Inventory before, Inventory after) {
    Map<String, Integer> was = new TreeMap<>();
    before.perNode().forEach(n -> was.put(n.name(), n.capacity()));
    Map<String, Integer> now = new TreeMap<>();
    after.perNode().forEach(n -> now.put(n.name(), n.capacity()));
    java.util.TreeSet<String> names = new java.util.TreeSet<>(was.keySet());
    names.addAll(now.keySet());
    var out = new ArrayList<CapacityChange>();
    for (String n : names) {
      if (!java.util.Objects.equals(was.get(n), now.get(n))) {
        out.add(new CapacityChange(n, was.get(n), now.get(n)));
      }
    }
    return out;
  }
}
