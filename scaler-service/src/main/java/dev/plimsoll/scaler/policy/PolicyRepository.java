package dev.plimsoll.scaler.policy;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Policies in PostgreSQL. Callers open the session or transaction. */
@ApplicationScoped
public class PolicyRepository implements PanacheRepository<PolicyEntity> {

  /** The workload's policy, or null when it has none. */
  public Uni<PolicyEntity> findByWorkload(String workload) {
    return find("workload", workload).firstResult();
  }

  /** Every policy, oldest first. */
  public Uni<List<PolicyEntity>> listByIdOrder() {
    return find("order by id").list();
  }
}
