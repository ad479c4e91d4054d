package dev.plimsoll.scaler.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Stored decisions in PostgreSQL. Callers open the session or transaction. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepository<DecisionEntity> {

  /** The newest {@code limit} decisions, of one workload when {@code workload} is not null. */
  public Uni<List<DecisionEntity>> newest(String workload, int limit) {
    Sort newestFirst = Sort.descending("decidedAt", "id");
    var query = workload == null ? findAll(newestFirst) : find("workload", newestFirst, workload);
    return query.page(Page.ofSize(limit)).list();
  }
}
