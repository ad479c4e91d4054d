package dev.plimsoll.simulator.api;

import dev.plimsoll.fleet.ReplicaState;
import java.time.Instant;
import java.util.List;

/**
 * One replica of a fleet.
 *
 * @param node       null while {@code PENDING}
 * @param gpus       GPU uuids, empty while {@code PENDING}
 * @param metricsUrl where its vLLM metrics are served (503 until {@code READY})
 * @param readyAt    null until {@code READY}
 */
public record ReplicaView(String id, ReplicaState state, String node, List<String> gpus, String metricsUrl,
    Instant createdAt, Instant readyAt) {}
