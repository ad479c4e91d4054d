package dev.plimsoll.cost.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One workload's ledger: the replica count as a step function of time, integrated into
 * replica-seconds up to the last scaling decision seen.
 *
 * @param since time of the first decision seen for the workload (the ledger knows nothing before it)
 * @param lastEventAt time of the newest decision accrued
 * @param replicas replicas running since {@code lastEventAt} (the newest decision's {@code replicasAfter})
 * @param replicaSeconds replica-seconds accrued from {@code since} to {@code lastEventAt}
 * @param eventsIgnored decisions ignored because they were older than {@code lastEventAt}
 */
public record LedgerState(Instant since, Instant lastEventAt, int replicas, double replicaSeconds, long eventsIgnored) {

  public LedgerState {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be >= 0, was " + replicas);
    }
    if (replicaSeconds < 0 || Double.isNaN(replicaSeconds)) {
      throw new IllegalArgumentException("replicaSeconds must be >= 0, was " + replicaSeconds);
    }
    if (lastEventAt.isBefore(since)) {
      throw new IllegalArgumentException("lastEventAt " + lastEventAt + " is before since " + since);
    }
  }

  /** A ledger opened by a workload's first decision: nothing accrued yet, {@code replicas} from now on. */
  public static LedgerState open(Instant eventAt, int replicas) {
    return new LedgerState(eventAt, eventAt, replicas, 0.0, 0);
  }
}
