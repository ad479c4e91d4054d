package dev.plimsoll.cost.store;

import dev.plimsoll.cost.ledger.LedgerState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One row per workload: its {@link LedgerState}. */
@Entity
@Table(name = "cost_ledger")
public class CostLedgerEntity {

  @Id
  @Column(name = "workload", length = 512)
  public String workload;

  @Column(name = "since", nullable = false)
  public Instant since;

  @Column(name = "last_event_at", nullable = false)
  public Instant lastEventAt;

  @Column(name = "replicas", nullable = false)
  public int replicas;

  @Column(name = "replica_seconds", nullable = false)
  public double replicaSeconds;

  @Column(name = "events_ignored", nullable = false)
  public long eventsIgnored;

  @Version
  @Column(name = "version")
  public Long version;

  public LedgerState toState() {
    return new LedgerState(since, lastEventAt, replicas, replicaSeconds, eventsIgnored);
  }

  public CostLedgerEntity apply(LedgerState state) {
    since = state.since();
    lastEventAt = state.lastEventAt();
    replicas = state.replicas();
    replicaSeconds = state.replicaSeconds();
    eventsIgnored = state.eventsIgnored();
    return this;
  }
}
