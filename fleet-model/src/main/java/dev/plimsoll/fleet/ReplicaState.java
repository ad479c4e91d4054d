package dev.plimsoll.fleet;

/** Where a replica of a fleet is in its life. Only {@link #READY} replicas receive requests. */
public enum ReplicaState {
  /** Waiting for GPUs: none were free when it was created. */
  PENDING,
  /** Has its GPUs and is loading the model until {@code scheduledAt + modelLoadSeconds}. */
  LOADING,
  /** Serving. */
  READY
}
