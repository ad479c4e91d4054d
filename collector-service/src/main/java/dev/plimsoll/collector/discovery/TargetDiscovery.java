package dev.plimsoll.collector.discovery;

import io.smallrye.mutiny.Uni;

/**
 * Finds the workloads and their scrape targets on one platform (the simulator here; Kubernetes and
 * Swarm later). Called periodically; must not block.
 */
public interface TargetDiscovery {

  /**
   * One discovery round.
   *
   * @return the current workloads and targets, or a failure whose message says what went wrong
   *     (it is shown in the readiness check)
   */
  Uni<DiscoveredTargets> discover();

  /** What is asked, for humans and the readiness check, for example the simulator's URL. */
  String source();

  /** A short name for logs and readiness: {@code simulator}, {@code static}, {@code kubernetes}, {@code swarm}. */
  String name();

  /** Asks to be told when the source sees a change between rounds (sources that watch); ignored by the others. */
  default void onChange(Runnable listener) {}

  /** Whether this source takes part (by configuration). */
  default boolean enabled() {
    return true;
  }
}
