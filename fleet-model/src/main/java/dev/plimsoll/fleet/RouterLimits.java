package dev.plimsoll.fleet;

/**
 * How much the router in front of a {@link Fleet} queues before it sheds load. vLLM itself never caps its waiting
 * queue; a gateway or router in front of it does: an arriving request that finds every READY replica's waiting queue
 * full (or, while no replica is READY, the router's own queue full) is rejected (think HTTP 429/503 from the
 * gateway) and never reaches a replica, so it counts in no {@code vllm:} metric, only in
 * {@link Fleet#rejectedRequests()}. The caps keep an under-sized fleet fed by a looping trace from growing its
 * queues, and memory, without limit.
 *
 * @param maxWaitingPerReplica the router sends a request to a READY replica only while fewer than this many requests
 *                             wait on it (not yet admitted into its batch), {@code >= 1}
 * @param maxPending           requests the router itself holds while no replica is READY (or that a scale-down took
 *                             back from a removed replica and no other replica has room for yet), {@code >= 0}
 */
public record RouterLimits(int maxWaitingPerReplica, int maxPending) {

  /** Default of {@link #maxWaitingPerReplica()}. */
  public static final int DEFAULT_MAX_WAITING_PER_REPLICA = 1024;

  /** Default of {@link #maxPending()}. */
  public static final int DEFAULT_MAX_PENDING = 4096;

  /** 1024 waiting requests per replica, 4096 held by the router. */
  public static final RouterLimits DEFAULT = new RouterLimits(DEFAULT_MAX_WAITING_PER_REPLICA, DEFAULT_MAX_PENDING);

  public RouterLimits {
    if (maxWaitingPerReplica < 1) {
      throw new IllegalArgumentException("maxWaitingPerReplica must be >= 1, got " + maxWaitingPerReplica);
    }
    if (maxPending < 0) {
      throw new IllegalArgumentException("maxPending must be >= 0, got " + maxPending);
    }
  }
}
