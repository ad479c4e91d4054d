package dev.plimsoll.gpu.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.plimsoll.gpu.inventory.GpuNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: mapping the simulator's node records to the core's. */
class SimulatorInventorySourceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | product     | allocatedTo per GPU (index=owner) | capacity | allocated | product out
      two GPUs, one held                      | H100        | 1=chat-0 0=                       |        2 |         1 | H100
      GPU order follows index, not the list   | H100        | 3= 1=chat-1 2=chat-1 0=           |        4 |         2 | H100
      missing product reads as unknown        |             | 0=                                |        1 |         0 | unknown
      no GPUs listed                          | L4          | -                                 |        0 |         0 | L4
      """)
  void toNodes(String name, String product, String gpus, int capacity, int allocated, String productOut) {
    var simGpus = new ArrayList<SimulatorNode.SimulatorGpu>();
    if (!"-".equals(gpus)) {
      for (String g : gpus.split(" ")) {
        String[] p = g.split("=", -1);
        simGpus.add(new SimulatorNode.SimulatorGpu(Integer.parseInt(p[0]), "GPU-" + p[0], p[1].isEmpty() ? null : p[1]));
      }
    }
    GpuNode node = SimulatorInventorySource.toNodes(List.of(new SimulatorNode("sim-node-0", product, 81559, 99, 99, simGpus))).get(0);
    assertEquals("sim-node-0", node.name());
    assertEquals(productOut, node.product());
    assertEquals(capacity, node.capacity());
    assertEquals(allocated, node.allocated());
    for (int i = 0; i < node.gpus().size(); i++) {
      assertEquals(i, node.gpus().get(i).index());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case              | node name | gpu uuid
      node without a name |           | GPU-0
      GPU without a uuid  | n0        |
      """)
  void rejectsIncompleteNodes(String name, String nodeName, String uuid) {
    var node = new SimulatorNode(nodeName, "H100", 1, 1, 0, List.of(new SimulatorNode.SimulatorGpu(0, uuid, null)));
    assertThrows(IllegalStateException.class, () -> SimulatorInventorySource.toNodes(List.of(node)));
  }
}
