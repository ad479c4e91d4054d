package dev.plimsoll.gpu.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The NVIDIA GPU resources one pod holds or waits for.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param node the node it is bound to, null while pending unscheduled
 * @param phase Pending, Running, ...
 * @param requests units per resource name (extended resources: the request, or the limit when no request is set)
 * @param owner the owning workload as {@code Kind/name} ({@code Deployment/vllm} through its ReplicaSet), or null
 */
public record PodGpus(String namespace, String name, String node, String phase, Map<String, Long> requests, String owner) {

  public PodGpus {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    requests = new TreeMap<>(requests == null ? Map.of() : requests);
  }

  /** Whether the pod holds its resources on its node (bound and not finished). */
  public boolean holds() {
    return node != null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /** Whether the pod waits for a node. */
  public boolean pending() {
    return node == null && "Pending".equals(phase);
  }

  /** A container's resources: requests and limits by resource name (whole units). */
  public record Container(Map<String, Long> requests, Map<String, Long> limits) {
    public Container {
      requests = requests == null ? Map.of() : requests;
      limits = limits == null ? Map.of() : limits;
    }

    long units(String resource) {
      Long r = requests.get(resource);
      return r != null ? r : limits.getOrDefault(resource, 0L);
    }
  }

  /**
   * A pod's effective GPU requests as the scheduler computes them: the sum over its containers, or the largest
   * init container's when that is more (init containers run one at a time, before the others).
   */
  public static Map<String, Long> effectiveRequests(List<Container> containers, List<Container> initContainers) {
    Map<String, Long> out = new HashMap<>();
    for (Container c : containers) {
      for (String resource : names(c)) {
        out.merge(resource, c.units(resource), Long::sum);
      }
    }
    for (Container c : initContainers) {
      for (String resource : names(c)) {
        out.merge(resource, c.units(resource), Math::max);
      }
    }
    out.values().removeIf(v -> v <= 0);
    return out;
  }

  private static java.util.Set<String> names(Container c) {
    java.util.Set<String> all = new java.util.TreeSet<>();
    for (String k : c.requests().keySet()) {
      if (isGpu(k)) {
        all.add(k);
      }
    }
    for (String k : c.limits().keySet()) {
      if (isGpu(k)) {
        all.add(k);
      }
    }
    return all;
  }

  /** Whether a resource name is an NVIDIA GPU resource (including MIG names whose profile cannot be read). */
  public static boolean isGpu(String resource) {
    return GpuResource.parse(resource).isPresent() || GpuResource.unknownMigName(resource);
  }

  /** Per node name, the units of each resource held by pods bound there. */
  public static Map<String, Map<String, Long>> allocatedByNode(List<PodGpus> pods) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (PodGpus p : pods) {
      if (p.holds()) {
        Map<String, Long> node = out.computeIfAbsent(p.node(), k -> new TreeMap<>());
        p.requests().forEach((k, v) -> node.merge(k, v, Long::sum));
      }
    }
    return out;
  }
}
