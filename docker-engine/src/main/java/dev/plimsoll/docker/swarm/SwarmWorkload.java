package dev.plimsoll.docker.swarm;

import dev.plimsoll.events.WorkloadId;
import java.util.OptionalInt;

/**
 * An opted-in service as a workload, whether or not any replica is scrapeable right now.
 *
 * @param runningTasks tasks whose desired and actual state are both {@code running}
 */
public record SwarmWorkload(WorkloadId id, String serviceId, String serviceName, ServiceMode mode, int runningTasks) {

  /** The replica count the service asks for; empty for global services and jobs, which have none to scale. */
  public OptionalInt desiredReplicas() {
    return mode instanceof ServiceMode.Replicated r ? OptionalInt.of(r.replicas()) : OptionalInt.empty();
  }
}
