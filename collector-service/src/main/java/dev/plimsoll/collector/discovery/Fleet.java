package dev.plimsoll.collector.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.plimsoll.events.WorkloadId;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The part of the simulator's {@code Fleet} (GET /api/v1/fleets, owned by the simulator) the collector
 * reads. Unknown fields are ignored.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record Fleet(String name, String namespace, String workload, List<Replica> replicas) {

  static final String READY = "READY";

  /** One replica of a fleet; only {@code READY} replicas serve requests and are scraped. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Replica(String id, String state, String metricsUrl) {}

  /** The fleet's workload id: the one it states, else {@code simulated/<namespace>/Fleet/<name>}. */
  String workloadId() {
    return workload != null && !workload.isBlank() ? workload : WorkloadId.simulatedFleet(namespace, name).toString();
  }

  /**
   * Targets for the READY replicas with a metrics URL of every fleet; every fleet is a workload, even
   * with no READY replica.
   */
  static DiscoveredTargets toTargets(List<Fleet> fleets) {
    var workloads = new LinkedHashSet<String>();
    var targets = new ArrayList<ScrapeTarget>();
    var urls = new LinkedHashSet<String>();
    for (Fleet fleet : fleets) {
      String workload = fleet.workloadId();
      workloads.add(workload);
      if (fleet.replicas() == null) {
        continue;
      }
      for (Replica replica : fleet.replicas()) {
        if (READY.equals(replica.state()) && replica.metricsUrl() != null && !replica.metricsUrl().isBlank()
            && urls.add(replica.metricsUrl())) {
          targets.add(new ScrapeTarget(replica.metricsUrl(), workload, replica.id() == null ? "" : replica.id()));
        }
      }
    }
    return new DiscoveredTargets(workloads, targets);
  }
}
