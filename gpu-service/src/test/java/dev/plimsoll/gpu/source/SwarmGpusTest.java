package dev.plimsoll.gpu.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.PodGpus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Swarm GPUs from Engine API answers shaped as the Engine API reference gives {@code Node} and {@code Task} (Docker
 * Engine API 1.41+: {@code GenericResources} with {@code DiscreteResourceSpec} and {@code NamedResourceSpec}).
 */
class SwarmGpusTest {
  static final String NODES = """
      [{"ID": "n1", "Spec": {"Availability": "active", "Labels": {"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3", "nvidia.com/gpu.memory": "81559"}},
        "Description": {"Hostname": "gpu-1", "Resources": {"NanoCPUs": 96000000000, "MemoryBytes": 1099511627776, "GenericResources": [
          {"NamedResourceSpec": {"Kind": "NVIDIA-GPU", "Value": "GPU-aaa"}}, {"NamedResourceSpec": {"Kind": "NVIDIA-GPU", "Value": "GPU-bbb"}},
          {"NamedResourceSpec": {"Kind": "NVIDIA-GPU", "Value": "GPU-ccc"}}, {"NamedResourceSpec": {"Kind": "NVIDIA-GPU", "Value": "GPU-ddd"}},
          {"DiscreteResourceSpec": {"Kind": "SSD", "Value": 3}}]}},
        "Status": {"State": "ready", "Addr": "10.0.0.1"}},
       {"ID": "n2", "Spec": {"Availability": "drain"}, "Description": {"Hostname": "gpu-2", "Resources": {"GenericResources": [
          {"DiscreteResourceSpec": {"Kind": "NVIDIA-GPU", "Value": 8}}]}}, "Status": {"State": "ready"}},
       {"ID": "n3", "Spec": {"Availability": "active"}, "Description": {"Hostname": "cpu-1", "Resources": {}}, "Status": {"State": "ready"}}]
      """;
  static final String TASKS = """
      [{"ID": "t1", "ServiceID": "svc-llm", "NodeID": "n1", "DesiredState": "running", "Status": {"State": "running"},
        "Spec": {"ContainerSpec": {"Image": "vllm", "Labels": {"com.docker.stack.namespace": "llm"}},
                 "Resources": {"Reservations": {"GenericResources": [{"DiscreteResourceSpec": {"Kind": "NVIDIA-GPU", "Value": 2}}]}}}},
       {"ID": "t2", "ServiceID": "svc-llm", "DesiredState": "running", "Status": {"State": "pending"},
        "Spec": {"Resources": {"Reservations": {"GenericResources": [{"DiscreteResourceSpec": {"Kind": "NVIDIA-GPU", "Value": 2}}]}}}},
       {"ID": "t3", "ServiceID": "svc-old", "NodeID": "n1", "DesiredState": "shutdown", "Status": {"State": "shutdown"},
        "Spec": {"Resources": {"Reservations": {"GenericResources": [{"DiscreteResourceSpec": {"Kind": "NVIDIA-GPU", "Value": 2}}]}}}},
       {"ID": "t4", "ServiceID": "svc-web", "NodeID": "n3", "DesiredState": "running", "Status": {"State": "running"}, "Spec": {}}]
      """;

  @Test
  void nodesAdvertiseGpusAndTasksHoldThem() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode nodes = json.readTree(NODES);
    JsonNode tasks = json.readTree(TASKS);
    KubernetesCluster.Snapshot s = SwarmGpus.of(nodes, tasks, Set.of("NVIDIA-GPU"));
    assertEquals(List.of("gpu-1", "gpu-2"), s.nodes().stream().map(NodeGpus::name).toList());
    NodeGpus one = s.nodes().get(0);
    assertEquals(Map.of("nvidia.com/gpu", 4L), one.allocatable());
    assertEquals(Map.of("nvidia.com/gpu", 2L), one.allocated());
    assertEquals(2, one.free("nvidia.com/gpu"));
    assertEquals("NVIDIA-H100-80GB-HBM3", one.labels().product());
    assertEquals(4, one.labels().count());
    assertFalse(s.nodes().get(1).schedulable()); // drained
    assertEquals(List.of("t1", "t2"), s.pods().stream().map(PodGpus::name).toList());
    assertEquals("llm", s.pods().get(0).namespace());
    assertEquals("Service/svc-llm", s.pods().get(0).owner());
    assertNull(s.pods().get(1).node());
    assertEquals(0, SwarmGpus.of(nodes, tasks, Set.of("gpu")).nodes().stream().filter(n -> n.free("nvidia.com/gpu") > 0).count());
  }
}
