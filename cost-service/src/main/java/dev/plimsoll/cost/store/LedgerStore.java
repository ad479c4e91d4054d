package dev.plimsoll.cost.store;

import dev.plimsoll.cost.ledger.Accrual;
import dev.plimsoll.cost.ledger.Ledger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Applies one decision to its workload's ledger row in one transaction. */
@ApplicationScoped
public class LedgerStore {

  private final CostLedgerRepository repository;

  public LedgerStore(CostLedgerRepository repository) {
    this.repository = repository;
  }

  /** Reads the workload's row (if any), accrues the decision with the pure {@link Ledger}, writes the row. */
  public Uni<Accrual> record(String workload, Instant eventAt, int replicasAfter) {
    return Panache.withTransaction(() -> repository.findById(workload).flatMap(row -> {
      Accrual accrual = Ledger.accrue(row == null ? null : row.toState(), eventAt, replicasAfter);
      if (row == null) {
        var created = new CostLedgerEntity();
        created.workload = workload;
        return repository.persist(created.apply(accrual.state())).replaceWith(accrual);
      }
      row.apply(accrual.state());
      return Uni.createFrom().item(accrual);
    }));
  }
}
