package dev.plimsoll.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuPoolTest {

  @Test
  void uniformPoolNamesNodesAndGivesStableUniqueUuids() {
    GpuPool pool = GpuPool.uniform(2, 8, "NVIDIA-H100-80GB-HBM3", 81559);
    assertEquals(List.of("sim-node-0", "sim-node-1"), pool.nodes().stream().map(SimNode::name).toList());
    assertEquals(16, pool.capacity());
    Set<String> uuids = pool.nodes().stream().flatMap(n -> n.gpus().stream()).map(SimGpu::uuid).collect(Collectors.toSet());
    assertEquals(16, uuids.size());
    assertTrue(uuids.stream().allMatch(u -> u.matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
    assertEquals(SimGpu.of("sim-node-1", 3), GpuPool.uniform(2, 8, "x", 1).nodes().get(1).gpus().get(3), "same on every run");
    assertNotEquals(SimGpu.of("sim-node-0", 1).uuid(), SimGpu.of("sim-node-1", 0).uuid());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | nodes | gpus per node | per replica | replicas placed | free left
      single GPUs fill both nodes             |     2 |             8 |           1 |              16 | 0
      four-GPU replicas, two per node         |     2 |             8 |           4 |               4 | 0
      three-GPU replicas leave two per node   |     2 |             8 |           3 |               4 | 4
      replica bigger than a node never fits   |     2 |             4 |           8 |               0 | 8
      """)
  void allocatesWholeReplicasOnOneNode(String name, int nodes, int gpusPerNode, int perReplica, int placed, int free) {
    GpuPool pool = GpuPool.uniform(nodes, gpusPerNode, "gpu", 1);
    int count = 0;
    while (pool.allocate("r-" + count, perReplica).isPresent()) {
      count++;
    }
    assertEquals(placed, count);
    assertEquals(free, pool.free());
  }

  @Test
  void releaseFreesOnlyThatReplicasGpus() {
    GpuPool pool = GpuPool.uniform(1, 4, "gpu", 1);
    List<SimGpu> a = pool.allocate("a", 2).orElseThrow();
    pool.allocate("b", 2).orElseThrow();
    assertEquals(List.of(0, 1), a.stream().map(SimGpu::index).toList());
    pool.release("a");
    assertEquals(2, pool.free());
    assertTrue(pool.allocatedTo(a.get(0)).isEmpty());
    assertEquals("b", pool.allocatedTo(pool.nodes().get(0).gpus().get(2)).orElseThrow());
    assertEquals(List.of(0, 1), pool.allocate("c", 2).orElseThrow().stream().map(SimGpu::index).toList(), "lowest free indices");
  }
}
