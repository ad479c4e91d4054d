package dev.plimsoll.gpu.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One node's GPU resources: what it advertises ({@code capacity}, {@code allocatable}), what pods hold
 * ({@code allocated}), what GPU feature discovery says ({@link GpuLabels}) and whether it takes new pods.
 * Only NVIDIA GPU resources are kept; names that look like MIG resources but cannot be read are listed in
 * {@code unknownResources}, not guessed at.
 *
 * @param name node name
 * @param labels GFD's labels
 * @param capacity per resource name
 * @param allocatable per resource name
 * @param allocated per resource name, held by pods bound to the node (not finished)
 * @param ready the node's Ready condition
 * @param schedulable not cordoned
 * @param unknownResources resource names that look like NVIDIA MIG resources but are not {@code mig-<g>g.<mem>gb}
 * @param unhealthy why GPUs of the node must not take new work (DCGM: an XID error, a row-remap failure), one entry a GPU
 */
public record NodeGpus(String name, GpuLabels labels, Map<String, Long> capacity, Map<String, Long> allocatable, Map<String, Long> allocated,
    boolean ready, boolean schedulable, List<String> unknownResources, List<String> unhealthy) {

  public NodeGpus {
    Objects.requireNonNull(name, "name");
    labels = labels == null ? GpuLabels.NONE : labels;
    capacity = new TreeMap<>(capacity == null ? Map.of() : capacity);
    allocatable = new TreeMap<>(allocatable == null ? Map.of() : allocatable);
    allocated = new TreeMap<>(allocated == null ? Map.of() : allocated);
    unknownResources = unknownResources == null ? List.of() : List.copyOf(unknownResources);
    unhealthy = unhealthy == null ? List.of() : List.copyOf(unhealthy);
  }

  /** A node with no health information. */
  public NodeGpus(String name, GpuLabels labels, Map<String, Long> capacity, Map<String, Long> allocatable, Map<String, Long> allocated,
      boolean ready, boolean schedulable, List<String> unknownResources) {
    this(name, labels, capacity, allocatable, allocated, ready, schedulable, unknownResources, List.of());
  }

  /** The same node with its unhealthy GPUs. */
  public NodeGpus withUnhealthy(List<String> reasons) {
    return new NodeGpus(name, labels, capacity, allocatable, allocated, ready, schedulable, unknownResources, reasons);
  }

  /** Units of {@code resource} not held by a pod (never negative). */
  public long free(String resource) {
    return Math.max(0, allocatable.getOrDefault(resource, 0L) - allocated.getOrDefault(resource, 0L));
  }

  /** Whether the node has any NVIDIA GPU resource. */
  public boolean hasGpus() {
    return allocatable.values().stream().anyMatch(v -> v > 0) || capacity.values().stream().anyMatch(v -> v > 0);
  }

  /**
   * The resource on this node whose units are of {@code kind} (and {@code migProfile} for MIG), or null: a MIG
   * profile is {@code nvidia.com/mig-<profile>} (strategy mixed) or {@code nvidia.com/gpu} on a node whose product
   * says {@code -MIG-<profile>} (strategy single); a shared slice is {@code nvidia.com/gpu.shared} or
   * {@code nvidia.com/gpu} on a {@code -SHARED} node; a full GPU is {@code nvidia.com/gpu} on a node that neither
   * slices nor shares it.
   */
  public String resourceFor(GpuResource.Kind kind, String migProfile) {
    return switch (kind) {
      case FULL -> labels.migProfile() == null && !labels.shared() && allocatable.containsKey(GpuResource.GPU) ? GpuResource.GPU : null;
      case SHARED -> allocatable.containsKey(GpuResource.SHARED) ? GpuResource.SHARED
          : labels.shared() && allocatable.containsKey(GpuResource.GPU) ? GpuResource.GPU : null;
      case MIG -> allocatable.containsKey(GpuResource.MIG_PREFIX + migProfile) ? GpuResource.MIG_PREFIX + migProfile
          : migProfile != null && migProfile.equals(labels.migProfile()) && allocatable.containsKey(GpuResource.GPU) ? GpuResource.GPU : null;
    };
  }

  /** The memory (MiB) one unit of {@code resource} gives, or null when unknown. A shared unit shares its GPU's memory. */
  public Long unitMemoryMiB(String resource) {
    GpuResource r = GpuResource.parse(resource).orElse(null);
    if (r == null) {
      return null;
    }
    if (r.kind() == GpuResource.Kind.MIG) {
      GpuLabels.MigType t = labels.migTypes().get(r.migProfile());
      return t != null && t.memoryMiB() != null ? t.memoryMiB() : GpuResource.profileMemoryMiB(r.migProfile());
    }
    return labels.memoryMiB();
  }
}
