package dev.plimsoll.collector.discovery;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One discovery result: every workload that exists (even with no scrapeable replica) and the targets.
 *
 * @param workloads workload ids, in discovery order
 * @param targets the targets, each belonging to one of the workloads
 */
public record DiscoveredTargets(Set<String> workloads, List<ScrapeTarget> targets) {
  public static final DiscoveredTargets NONE = new DiscoveredTargets(Set.of(), List.of());

  public DiscoveredTargets {
    workloads = Collections.unmodifiableSet(new LinkedHashSet<>(workloads));
    targets = List.copyOf(targets);
    for (ScrapeTarget t : targets) {
      if (!workloads.contains(t.workload())) {
        throw new IllegalArgumentException("target " + t.url() + " belongs to an unknown workload " + t.workload());
      }
    }
  }
}
