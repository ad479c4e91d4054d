package dev.plimsoll.simulator.api;

/** A fleet's replica counts: {@code replicas} asked for, {@code readyReplicas} serving. */
public record ScaleStatus(String workload, int replicas, int readyReplicas) {}
