package dev.plimsoll.kubernetes;

import dev.plimsoll.events.WorkloadId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What discovery found at one moment: immutable, safe to hand to other threads.
 *
 * @param targets            pods to scrape, ordered by namespace then pod name
 * @param workloads          each workload that has at least one target, with its count of target pods, ordered by id
 * @param skipped            annotated pods that are not scraped, with the reason, in pod order
 * @param ignoredAnnotations optional annotations on target pods whose value was ignored, in pod order
 */
public record PodDiscoverySnapshot(List<ScrapeTarget> targets, Map<WorkloadId, Integer> workloads, List<SkippedPod> skipped,
    List<IgnoredAnnotation> ignoredAnnotations) {

  private static final PodDiscoverySnapshot EMPTY = new PodDiscoverySnapshot(List.of(), Map.of(), List.of(), List.of());

  public PodDiscoverySnapshot {
    targets = List.copyOf(targets);
    workloads = Collections.unmodifiableMap(new LinkedHashMap<>(workloads));
    skipped = List.copyOf(skipped);
    ignoredAnnotations = List.copyOf(ignoredAnnotations);
  }

  /** Nothing discovered (yet). */
  public static PodDiscoverySnapshot empty() {
    return EMPTY;
  }

  /** The ids of {@link #workloads()}. */
  public Set<WorkloadId> workloadIds() {
    return workloads.keySet();
  }

  /** The targets of one workload, in pod order. */
  public List<ScrapeTarget> targetsOf(WorkloadId workload) {
    return targets.stream().filter(t -> t.workload().equals(workload)).toList();
  }
}
