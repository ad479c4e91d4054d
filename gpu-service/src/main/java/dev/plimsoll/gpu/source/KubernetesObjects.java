package dev.plimsoll.gpu.source;

import dev.plimsoll.gpu.cluster.GpuLabels;
import dev.plimsoll.gpu.cluster.GpuResource;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.PodGpus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Kubernetes objects (Fabric8's model) into the cluster core's records: only what concerns NVIDIA GPUs. */
public final class KubernetesObjects {
  private KubernetesObjects() {}

  /** A node's GPU resources, labels, readiness and cordon; allocated units come from {@code allocated} (its pods). */
  public static NodeGpus node(Node n, Map<String, Long> allocated) {
    Set<String> unknown = new TreeSet<>();
    Map<String, Long> capacity = gpuQuantities(n.getStatus() == null ? null : n.getStatus().getCapacity(), unknown);
    Map<String, Long> allocatable = gpuQuantities(n.getStatus() == null ? null : n.getStatus().getAllocatable(), unknown);
    boolean ready = false;
    if (n.getStatus() != null && n.getStatus().getConditions() != null) {
      for (NodeCondition c : n.getStatus().getConditions()) {
        if ("Ready".equals(c.getType())) {
          ready = "True".equals(c.getStatus());
        }
      }
    }
    boolean schedulable = n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    return new NodeGpus(n.getMetadata().getName(), GpuLabels.of(n.getMetadata().getLabels()), capacity, allocatable, allocated, ready,
        schedulable, List.copyOf(unknown));
  }

  /** A pod's GPU requests, or null when it requests none. */
  public static PodGpus pod(Pod p) {
    PodSpec spec = p.getSpec();
    if (spec == null) {
      return null;
    }
    Map<String, Long> requests = requests(spec);
    if (requests.isEmpty()) {
      return null;
    }
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return new PodGpus(p.getMetadata().getNamespace(), p.getMetadata().getName(), spec.getNodeName(), phase, requests, owner(p));
  }

  /** The GPU requests a pod spec (or a workload's pod template) makes, as the scheduler counts them. */
  public static Map<String, Long> requests(PodSpec spec) {
    return PodGpus.effectiveRequests(containers(spec.getContainers()), containers(spec.getInitContainers()));
  }

  private static List<PodGpus.Container> containers(List<Container> list) {
    List<PodGpus.Container> out = new ArrayList<>();
    if (list != null) {
      for (Container c : list) {
        ResourceRequirements r = c.getResources();
        out.add(new PodGpus.Container(r == null ? null : whole(r.getRequests()), r == null ? null : whole(r.getLimits())));
      }
    }
    return out;
  }

  /** {@code Deployment/<name>} for a pod of a Deployment's ReplicaSet (by its pod-template-hash), else the owner's kind/name. */
  static String owner(Pod p) {
    List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return null;
    }
    OwnerReference o = owners.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(owners.get(0));
    String hash = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get("pod-template-hash");
    if ("ReplicaSet".equals(o.getKind()) && hash != null && o.getName().endsWith("-" + hash)) {
      return "Deployment/" + o.getName().substring(0, o.getName().length() - hash.length() - 1);
    }
    return o.getKind() + "/" + o.getName();
  }

  private static Map<String, Long> gpuQuantities(Map<String, Quantity> all, Set<String> unknown) {
    Map<String, Long> out = new HashMap<>();
    if (all != null) {
      all.forEach((name, q) -> {
        if (GpuResource.parse(name).isPresent()) {
          out.put(name, units(q));
        } else if (GpuResource.unknownMigName(name)) {
          unknown.add(name);
        }
      });
    }
    return out;
  }

  private static Map<String, Long> whole(Map<String, Quantity> all) {
    Map<String, Long> out = new HashMap<>();
    if (all != null) {
      all.forEach((name, q) -> out.put(name, units(q)));
    }
    return out;
  }

  private static long units(Quantity q) {
    try {
      return q == null ? 0 : q.getNumericalAmount().longValue();
    } catch (ArithmeticException | IllegalArgumentException e) {
      return 0;
    }
  }
}
