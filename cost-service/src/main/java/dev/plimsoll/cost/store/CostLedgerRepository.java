package dev.plimsoll.cost.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code cost_ledger} table, keyed by workload id. Callers open the session or transaction. */
@ApplicationScoped
public class CostLedgerRepository implements PanacheRepositoryBase<CostLedgerEntity, String> {

  public Uni<List<CostLedgerEntity>> listByWorkload() {
    return listAll(Sort.by("workload"));
  }
}
