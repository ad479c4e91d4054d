package dev.plimsoll.simulator.api;

import java.util.List;

/** A simulated fleet, as {@code GET /api/v1/fleets} returns it (see docs/contracts.md, "Simulator API"). */
public record FleetView(String name, String namespace, String workload, int desiredReplicas, int readyReplicas,
    int gpusPerReplica, String modelProfile, List<ReplicaView> replicas) {}
