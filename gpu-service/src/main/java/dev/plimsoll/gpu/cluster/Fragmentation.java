package dev.plimsoll.gpu.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Free GPU units that pending pods cannot use: per resource, the free units on nodes where no pending pod's request
 * fits (stranded), and the pending pods that fit nowhere although the cluster has enough free units in total
 * (fragmented). Only Ready, schedulable nodes count; without pending pods nothing is stranded. Plain Java.
 */
public final class Fragmentation {
  private Fragmentation() {}

  /** Free units of a resource on a node that no pending pod fits into. */
  public record Stranded(String node, String resource, long free, long smallestPending) {}

  /** A pending pod that no single node can take although enough units are free across nodes. */
  public record Unplaceable(String namespace, String pod, String resource, long needs, long largestFreeOnANode, long totalFree) {}

  /** The report: free units per resource, what is stranded and who waits because of it. */
  public record Report(Map<String, Long> free, long strandedUnits, List<Stranded> stranded, List<Unplaceable> fragmented) {}

  public static Report of(List<NodeGpus> nodes, List<PodGpus> pods) {
    Map<String, Long> free = new TreeMap<>();
    Map<String, Long> largest = new TreeMap<>();
    for (NodeGpus n : nodes) {
      if (!n.ready() || !n.schedulable()) {
        continue;
      }
      for (String r : n.allocatable().keySet()) {
        long f = n.free(r);
        free.merge(r, f, Long::sum);
        largest.merge(r, f, Math::max);
      }
    }
    Map<String, Long> smallestPending = new TreeMap<>();
    List<Unplaceable> fragmented = new ArrayList<>();
    for (PodGpus p : pods) {
      if (!p.pending()) {
        continue;
      }
      for (Map.Entry<String, Long> e : p.requests().entrySet()) {
        smallestPending.merge(e.getKey(), e.getValue(), Math::min);
        long total = free.getOrDefault(e.getKey(), 0L);
        long max = largest.getOrDefault(e.getKey(), 0L);
        if (e.getValue() > max && e.getValue() <= total) {
          fragmented.add(new Unplaceable(p.namespace(), p.name(), e.getKey(), e.getValue(), max, total));
        }
      }
    }
    List<Stranded> stranded = new ArrayList<>();
    long units = 0;
    for (NodeGpus n : nodes) {
      if (!n.ready() || !n.schedulable()) {
        continue;
      }
      for (String r : n.allocatable().keySet()) {
        long f = n.free(r);
        Long smallest = smallestPending.get(r);
        if (f > 0 && smallest != null && smallest > f) {
          stranded.add(new Stranded(n.name(), r, f, smallest));
          units += f;
        }
      }
    }
    return new Report(free, units, stranded, fragmented);
  }
}
