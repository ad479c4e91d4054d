package dev.plimsoll.scaler.target;

import dev.plimsoll.events.WorkloadId;
import io.smallrye.mutiny.Uni;

/**
 * The port to a platform that runs workloads: read and set one workload's replica count (like the HPA's
 * {@code /scale} subresource). One implementation per platform ({@link WorkloadId#platform()}); the
 * Kubernetes and Swarm ones come with issue 4. Failures are {@link ActuationException}s with a message fit
 * for the decision audit.
 */
public interface ScaleTarget {

  /** The platform this target acts on, for example {@code simulated}. */
  String platform();

  /** Whether this actuator is switched on (by configuration). */
  default boolean enabled() {
    return true;
  }

  /** The workload's current (spec) and ready replica counts. */
  Uni<Scale> read(WorkloadId workload);

  /** Sets the workload's replica count and returns its scale afterwards. */
  Uni<Scale> scale(WorkloadId workload, int replicas);

  /**
   * A workload's scale.
   *
   * @param replicas the replica count asked for (spec)
   * @param readyReplicas replicas ready to serve
   */
  record Scale(int replicas, int readyReplicas) {}
}
