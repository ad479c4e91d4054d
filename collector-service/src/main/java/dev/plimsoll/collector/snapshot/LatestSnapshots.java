package dev.plimsoll.collector.snapshot;

import dev.plimsoll.events.MetricSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The latest snapshot of every current workload, for GET /api/v1/snapshots. */
@ApplicationScoped
public class LatestSnapshots {
  private volatile Map<String, MetricSnapshot> byWorkload = Map.of();

  /** Replaces all snapshots with one tick's (workloads that no longer exist disappear). */
  public void replaceAll(List<MetricSnapshot> snapshots) {
    var next = new LinkedHashMap<String, MetricSnapshot>();
    for (MetricSnapshot s : snapshots) {
      next.put(s.workload(), s);
    }
    byWorkload = Collections.unmodifiableMap(next);
  }

  public List<MetricSnapshot> all() {
    return List.copyOf(byWorkload.values());
  }

  /** The workload's latest snapshot, or null. */
  public MetricSnapshot of(String workload) {
    return byWorkload.get(workload);
  }
}
