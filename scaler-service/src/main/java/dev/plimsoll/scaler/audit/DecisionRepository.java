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
    return newest(workload, null, null, null, 0, limit);
  }

  /**
   * One page of decisions, newest first, filtered by whichever of workload, reason and time range are
   * given ({@code since} inclusive, {@code until} exclusive).
   */
  public Uni<List<DecisionEntity>> newest(String workload, String reason, java.time.Instant since, java.time.Instant until, int page,
      int size) {
    Sort newestFirst = Sort.descending("decidedAt", "id");
    var where = new java.util.ArrayList<String>();
    var params = new java.util.HashMap<String, Object>();
    if (workload != null) {
      where.add("workload = :workload");
      params.put("workload", workload);
    }
    if (reason != null) {
      where.add("reason = :reason");
      params.put("reason", reason);
    }
    if (since != null) {
      where.add("decidedAt >= :since");
      params.put("since", since);
    }
    if (until != null) {
      where.add("decidedAt < :until");
      params.put("until", until);
    }
    var query = where.isEmpty() ? findAll(newestFirst) : find(String.join(" and ", where), newestFirst, params);
    return query.page(Page.of(page, size)).list();
  }
}
