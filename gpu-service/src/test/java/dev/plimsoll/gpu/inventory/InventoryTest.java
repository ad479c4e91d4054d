package dev.plimsoll.gpu.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: inventory totals are a pure function of the nodes. */
class InventoryTest {

  /**
   * Nodes as "name:product:gpus:allocatedIndexes" separated by spaces, e.g. {@code n0:H100:8:0,1}
   * ({@code -} for no allocation; the whole list {@code -} for no nodes).
   */
  static List<GpuNode> nodes(String spec) {
    var nodes = new ArrayList<GpuNode>();
    if ("-".equals(spec)) {
      return nodes;
    }
    for (String n : spec.split(" ")) {
      String[] p = n.split(":");
      List<String> allocated = "-".equals(p[3]) ? List.of() : List.of(p[3].split(","));
      var gpus = new ArrayList<Gpu>();
      for (int i = 0; i < Integer.parseInt(p[2]); i++) {
        gpus.add(new Gpu(i, "GPU-" + p[0] + "-" + i, allocated.contains(String.valueOf(i)) ? "replica-" + i : null));
      }
      nodes.add(new GpuNode(p[0], p[1], 81559, gpus));
    }
    return nodes;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                      | nodes                                   | nodes | gpus | alloc | free | per node (name:cap/alloc/free)  | per product (product:nodes/gpus/alloc/free)
      empty                       | -                                       |     0 |    0 |     0 |    0 | -                               | -
      all free                    | n0:H100:8:-                             |     1 |    8 |     0 |    8 | n0:8/0/8                        | H100:1/8/0/8
      some allocated              | n0:H100:8:0,1 n1:H100:8:7               |     2 |   16 |     3 |   13 | n0:8/2/6 n1:8/1/7               | H100:2/16/3/13
      mixed products, sorted      | b:L4:4:0,1,2,3 a:H100:8:- c:H100:2:1     |     3 |   14 |     5 |    9 | a:8/0/8 b:4/4/0 c:2/1/1         | H100:2/10/1/9 L4:1/4/4/0
      node without GPUs           | n0:none:0:-                             |     1 |    0 |     0 |    0 | n0:0/0/0                        | none:1/0/0/0
      """)
  void totals(String name, String spec, int nodes, int gpus, int allocated, int free, String perNode, String perProduct) {
    Inventory inv = Inventory.of(nodes(spec));
    assertEquals(nodes, inv.nodes());
    assertEquals(gpus, inv.gpus());
    assertEquals(allocated, inv.allocated());
    assertEquals(free, inv.free());
    assertEquals(perNode, "-".equals(perNode) ? "-" : inv.perNode().stream()
        .map(n -> n.name() + ":" + n.capacity() + "/" + n.allocated() + "/" + n.free()).collect(Collectors.joining(" ")));
    if ("-".equals(perNode)) {
      assertEquals(List.of(), inv.perNode());
    }
    String products = inv.perProduct().stream()
        .map(p -> p.product() + ":" + p.nodes() + "/" + p.gpus() + "/" + p.allocated() + "/" + p.free()).collect(Collectors.joining(" "));
    assertEquals(perProduct, products.isEmpty() ? "-" : products);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                         | allocatedTo | allocated
      held by a replica              | chat-0      | true
      blank means free               | ' '         | false
      null means free                |             | false
      """)
  void gpuAllocation(String name, String allocatedTo, boolean allocated) {
    assertEquals(allocated, new Gpu(0, "GPU-x", allocatedTo).allocated());
  }

  @org.junit.jupiter.api.Test
  void capacityChangesNameTheNodesThatAppearedWentOrChanged() {
    Inventory before = Inventory.of(List.of(new GpuNode("a", "H100", 81559, 8, 2, List.of()), new GpuNode("b", "H100", 81559, 8, 0, List.of())));
    Inventory after = Inventory.of(List.of(new GpuNode("a", "H100", 81559, 8, 5, List.of()), new GpuNode("b", "H100", 81559, 7, 0, List.of()),
        new GpuNode("c", "A100", 81920, 4, 0, List.of())));
    assertEquals(List.of(new Inventory.CapacityChange("b", 8, 7), new Inventory.CapacityChange("c", null, 4)),
        Inventory.changes(before, after));
    assertEquals(List.of(new Inventory.CapacityChange("a", 8, null), new Inventory.CapacityChange("b", 7, null),
        new Inventory.CapacityChange("c", 4, null)), Inventory.changes(after, Inventory.EMPTY));
  }
}
