package dev.plimsoll.scaler.policy;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Policy revisions in PostgreSQL. Callers open the session or transaction. */
@ApplicationScoped
public class PolicyRevisionRepository implements PanacheRepository<PolicyRevisionEntity> {

  /** A policy's revisions, oldest first. */
  public Uni<List<PolicyRevisionEntity>> forPolicy(long policyId) {
    return find("policyId = ?1 order by id", policyId).list();
  }
}
