package dev.plimsoll.scaling;

/**
 * One replica as the engine sees it.
 *
 * @param name its name (matches {@link MetricInput.PerReplica} keys)
 * @param ready serving; a replica still loading its model is not ready and is counted as the HPA counts
 *     an unready pod
 */
public record Replica(String name, boolean ready) {}
