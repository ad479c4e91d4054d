package dev.plimsoll.gpu.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.gpu.cluster.GpuLabels;
import dev.plimsoll.gpu.cluster.GpuResource;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.PodGpus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Docker Swarm's GPUs from the Engine API: a node advertises GPUs as generic resources
 * ({@code Description.Resources.GenericResources}: {@code DiscreteResourceSpec} counts or one {@code NamedResourceSpec}
 * per GPU, of a kind such as {@code NVIDIA-GPU}); a task holds what its spec reserves
 * ({@code Spec.Resources.Reservations.GenericResources}) on its node while it is meant to run; a task not yet on a
 * node waits. Swarm units are whole GPUs ({@code nvidia.com/gpu}); node labels in GFD's names
 * ({@code nvidia.com/gpu.product}, {@code nvidia.com/gpu.memory}) describe them where the operator sets them.
 */
public final class SwarmGpus {
  private SwarmGpus() {}

  /** The GPU nodes and the tasks reserving GPUs, from {@code GET /nodes} and {@code GET /tasks}. */
  public static KubernetesCluster.Snapshot of(JsonNode nodes, JsonNode tasks, Set<String> kinds) {
    Map<String, String> hostnames = new HashMap<>();
    for (JsonNode n : nodes) {
      hostnames.put(n.path("ID").asText(), n.path("Description").path("Hostname").asText(n.path("ID").asText()));
    }
    List<PodGpus> pods = new ArrayList<>();
    for (JsonNode t : tasks) {
      long gpus = units(t.path("Spec").path("Resources").path("Reservations").path("GenericResources"), kinds);
      String desired = t.path("DesiredState").asText();
      if (gpus == 0 || !(desired.equals("running") || desired.equals("ready"))) {
        continue;
      }
      String nodeId = t.path("NodeID").asText(null);
      String state = t.path("Status").path("State").asText("");
      String node = nodeId == null || nodeId.isEmpty() ? null : hostnames.getOrDefault(nodeId, nodeId);
      String phase = node == null || state.equals("pending") ? "Pending" : "Running";
      String stack = t.path("Spec").path("ContainerSpec").path("Labels").path("com.docker.stack.namespace").asText("swarm");
      pods.add(new PodGpus(stack, t.path("ID").asText(), phase.equals("Pending") && node == null ? null : node, phase,
          Map.of(GpuResource.GPU, gpus), "Service/" + t.path("ServiceID").asText()));
    }
    Map<String, Map<String, Long>> allocated = PodGpus.allocatedByNode(pods);
    List<NodeGpus> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      long gpus = units(n.path("Description").path("Resources").path("GenericResources"), kinds);
      Map<String, String> labels = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.path("Spec").path("Labels").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        labels.put(e.getKey(), e.getValue().asText());
      }
      if (gpus == 0 && labels.get("nvidia.com/gpu.product") == null) {
        continue;
      }
      labels.putIfAbsent("nvidia.com/gpu.count", String.valueOf(gpus));
      String name = hostnames.get(n.path("ID").asText());
      Map<String, Long> units = Map.of(GpuResource.GPU, gpus);
      out.add(new NodeGpus(name, GpuLabels.of(labels), units, units, allocated.getOrDefault(name, Map.of()),
          "ready".equals(n.path("Status").path("State").asText()), "active".equals(n.path("Spec").path("Availability").asText("active")),
          List.of()));
    }
    out.sort(Comparator.comparing(NodeGpus::name));
    return new KubernetesCluster.Snapshot(out, pods);
  }

  /** GPUs in a generic-resources list: discrete counts plus one per named resource, of the GPU kinds. */
  static long units(JsonNode genericResources, Set<String> kinds) {
    long n = 0;
    for (JsonNode r : genericResources) {
      JsonNode discrete = r.path("DiscreteResourceSpec");
      if (kinds.contains(discrete.path("Kind").asText())) {
        n += discrete.path("Value").asLong(0);
      }
      if (kinds.contains(r.path("NamedResourceSpec").path("Kind").asText())) {
        n++;
      }
    }
    return n;
  }
}
