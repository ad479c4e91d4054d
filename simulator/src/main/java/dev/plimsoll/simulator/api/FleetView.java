package dev.plimsoll.simulator.api;

import java.util.List;

/**
 * A simulated fleet, as {@code GET /api/v1/fleets} returns it (see docs/contracts.md, "Simulator API").
 *
 * @param pendingRequests  requests the router holds because no replica is READY (at most {@code simulator.max-pending})
 * @param requestsRejected requests the router rejected so far because the queues were full (cumulative)
 */
public record FleetView(String name, String namespace, String workload, int desiredReplicas, int readyReplicas,
    int gpusPerReplica, String modelProfile, int pendingRequests, long requestsRejected, List<ReplicaView> replicas) {}
