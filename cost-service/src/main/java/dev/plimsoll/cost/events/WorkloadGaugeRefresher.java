package dev.plimsoll.cost.events;

import dev.plimsoll.cost.store.CostLedgerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Recounts the ledger rows into {@code plimsoll_cost_workloads} (at start and every {@code cost.workloads-gauge-refresh}). */
@ApplicationScoped
public class WorkloadGaugeRefresher {

  private static final Logger LOG = Logger.getLogger(WorkloadGaugeRefresher.class);

  private final CostLedgerRepository repository;
  private final CostMetrics metrics;

  public WorkloadGaugeRefresher(CostLedgerRepository repository, CostMetrics metrics) {
    this.repository = repository;
    this.metrics = metrics;
  }

  @Scheduled(every = "${cost.workloads-gauge-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return Panache.withSession(repository::count)
        .invoke(metrics::workloads)
        .onFailure().invoke(e -> LOG.debugf("Could not count cost ledgers: %s", e.toString()))
        .onFailure().recoverWithNull()
        .replaceWithVoid();
  }
}
