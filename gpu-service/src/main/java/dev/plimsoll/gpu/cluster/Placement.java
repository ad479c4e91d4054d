package dev.plimsoll.gpu.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a replica needing GPUs fits now: every node is judged (feasible, or the reason it is not) and the feasible
 * ones ranked for bin-packing ({@code pack}: the fullest first, keeping whole nodes free for big replicas) or
 * {@code spread} (the emptiest first). Also the headroom: how many more such replicas fit on the free units now.
 * Plain Java over a snapshot of the nodes.
 */
public final class Placement {
  private Placement() {}

  /** The highest score, as the kube-scheduler extender's {@code MaxExtenderPriority}. */
  public static final int MAX_SCORE = 10;

  public enum Strategy {
    PACK, SPREAD
  }

  /**
   * What one replica needs.
   *
   * @param count units per replica, at least 1
   * @param kind full GPUs, a MIG profile or shared slices; ignored when {@code resource} is given
   * @param migProfile for MIG, e.g. {@code 1g.10gb}
   * @param resource an exact resource name instead of a kind (what a pod template requests), or null
   * @param minMemoryMiB each unit's memory at least this, or null
   * @param products acceptable products (GFD product label, with or without its MIG/SHARED suffix); empty: any
   * @param strategy how feasible nodes are ranked
   */
  public record Request(int count, GpuResource.Kind kind, String migProfile, String resource, Long minMemoryMiB, List<String> products,
      Strategy strategy) {
    public Request {
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, got " + count);
      }
      if (resource == null) {
        Objects.requireNonNull(kind, "kind");
        if (kind == GpuResource.Kind.MIG && !GpuResource.validProfile(migProfile)) {
          throw new IllegalArgumentException("unknown MIG profile " + migProfile + ": expected <g>g.<memory>gb, e.g. 1g.10gb");
        }
      }
      products = products == null ? List.of() : List.copyOf(products);
      strategy = strategy == null ? Strategy.PACK : strategy;
    }
  }

  /**
   * One node's verdict.
   *
   * @param node the node
   * @param feasible whether one replica fits
   * @param resource the resource that would serve it, or null
   * @param free free units of it now
   * @param fits how many replicas fit on the node now
   * @param score 0..{@link #MAX_SCORE} for feasible nodes (higher is better), 0 otherwise
   * @param reason why not, null when feasible
   */
  public record Verdict(String node, boolean feasible, String resource, long free, long fits, int score, String reason) {}

  /**
   * @param feasible the nodes one replica fits on, best first
   * @param infeasible every other node, with its reason, by name
   * @param replicasThatFit how many more replicas fit now (on every feasible node together)
   */
  public record Result(List<Verdict> feasible, List<Verdict> infeasible, long replicasThatFit) {}

  public static Result place(Request request, List<NodeGpus> nodes) {
    List<Verdict> feasible = new ArrayList<>();
    List<Verdict> infeasible = new ArrayList<>();
    long total = 0;
    for (NodeGpus n : nodes) {
      Verdict v = judge(request, n);
      if (v.feasible()) {
        feasible.add(v);
        total += v.fits();
      } else {
        infeasible.add(v);
      }
    }
    feasible.sort(Comparator.comparingInt(Verdict::score).reversed().thenComparing(Verdict::node));
    infeasible.sort(Comparator.comparing(Verdict::node));
    return new Result(List.copyOf(feasible), List.copyOf(infeasible), total);
  }

  /** One node's verdict for one replica. */
  public static Verdict judge(Request r, NodeGpus n) {
    if (!n.ready()) {
      return no(n, null, 0, "node is not Ready");
    }
    if (!n.schedulable()) {
      return no(n, null, 0, "node is cordoned (unschedulable)");
    }
    String resource = r.resource() != null ? (n.allocatable().containsKey(r.resource()) ? r.resource() : null)
        : n.resourceFor(r.kind(), r.migProfile());
    if (resource == null) {
      return no(n, null, 0, "no " + wanted(r) + " on this node" + offered(n));
    }
    if (!r.products().isEmpty() && r.products().stream().noneMatch(p -> matches(p, n.labels()))) {
      return no(n, resource, n.free(resource), "product " + (n.labels().product() == null ? "unknown" : n.labels().product())
          + " is not one of " + String.join(", ", r.products()));
    }
    Long memory = n.unitMemoryMiB(resource);
    if (r.minMemoryMiB() != null && (memory == null || memory < r.minMemoryMiB())) {
      return no(n, resource, n.free(resource), (memory == null ? "GPU memory unknown" : "GPU memory " + memory + " MiB")
          + ", at least " + r.minMemoryMiB() + " MiB needed");
    }
    long free = n.free(resource);
    if (!n.unhealthy().isEmpty()) {
      if (!GpuResource.GPU.equals(resource) || n.labels().migProfile() != null || n.labels().shared()) {
        // A slice or share of a sick GPU is sick too, and which GPU a slice sits on is not known here.
        return no(n, resource, free, "unhealthy GPU on the node: " + String.join("; ", n.unhealthy()));
      }
      long usable = Math.max(0, free - n.unhealthy().size());
      if (usable < r.count()) {
        return no(n, resource, usable, free + " of " + n.allocatable().getOrDefault(resource, 0L) + " " + resource + " free, "
            + n.unhealthy().size() + " unhealthy (" + String.join("; ", n.unhealthy()) + "), " + r.count() + " needed");
      }
      free = usable;
    }
    if (free < r.count()) {
      return no(n, resource, free, free + " of " + n.allocatable().getOrDefault(resource, 0L) + " " + resource + " free, "
          + r.count() + " needed");
    }
    long allocatable = Math.max(1, n.allocatable().getOrDefault(resource, 0L));
    double leftAfter = (free - r.count()) / (double) allocatable;
    int score = (int) Math.round(MAX_SCORE * (r.strategy() == Strategy.PACK ? 1 - leftAfter : leftAfter));
    return new Verdict(n.name(), true, resource, free, free / r.count(), score, null);
  }

  private static Verdict no(NodeGpus n, String resource, long free, String reason) {
    return new Verdict(n.name(), false, resource, free, 0, 0, reason);
  }

  private static boolean matches(String wanted, GpuLabels labels) {
    return wanted.equalsIgnoreCase(String.valueOf(labels.product())) || wanted.equalsIgnoreCase(String.valueOf(labels.baseProduct()));
  }

  private static String wanted(Request r) {
    if (r.resource() != null) {
      return r.resource();
    }
    return switch (r.kind()) {
      case FULL -> "whole GPU (nvidia.com/gpu without MIG or sharing)";
      case SHARED -> "shared GPU slice (nvidia.com/gpu.shared or a -SHARED nvidia.com/gpu)";
      case MIG -> "MIG " + r.migProfile() + " slice";
    };
  }

  private static String offered(NodeGpus n) {
    if (n.allocatable().isEmpty()) {
      return " (it has no NVIDIA GPU resource)";
    }
    List<String> parts = new ArrayList<>();
    n.allocatable().forEach((k, v) -> parts.add(k + "=" + v));
    String product = n.labels().product() == null ? "" : ", product " + n.labels().product();
    return String.format(Locale.ROOT, " (it offers %s%s)", String.join(", ", parts), product);
  }
}
