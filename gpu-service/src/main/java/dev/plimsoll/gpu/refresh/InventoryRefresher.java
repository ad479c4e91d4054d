package dev.plimsoll.gpu.refresh;

import dev.plimsoll.gpu.inventory.Observation;
import dev.plimsoll.gpu.inventory.RefreshStatus;
import dev.plimsoll.gpu.source.InventorySource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Re-reads the inventory from its source every {@code gpu.refresh-interval} into the {@link InventoryCache}. */
@ApplicationScoped
public class InventoryRefresher {

  private static final Logger LOG = Logger.getLogger(InventoryRefresher.class);

  private final InventorySource source;
  private final InventoryCache cache;
  private final GpuMetrics metrics;
  private final Clock clock;

  public InventoryRefresher(InventorySource source, InventoryCache cache, GpuMetrics metrics, Clock clock) {
    this.source = source;
    this.cache = cache;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Scheduled(identity = "gpu-inventory-refresh", every = "${gpu.refresh-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return refresh();
  }

  /** One refresh; never fails (a failure is recorded in the cache, counted and logged). */
  public Uni<Void> refresh() {
    return source.nodes()
        .map(nodes -> Observation.of(source.name(), clock.instant(), nodes))
        .invoke(observation -> {
          RefreshStatus before = cache.succeeded(observation);
          metrics.refreshed(true);
          if (!before.ready()) {
            LOG.infof("GPU inventory read from %s at %s: %d node(s), %d GPU(s), %d allocated", source.name(), source.location(),
                observation.inventory().nodes(), observation.inventory().gpus(), observation.inventory().allocated());
          }
        })
        .onFailure().invoke(e -> {
          String error = source.describe(e);
          RefreshStatus before = cache.failed(error, clock.instant());
          metrics.refreshed(false);
          if (before.lastError() == null) {
            LOG.warnf("Could not read the GPU inventory from %s at %s: %s", source.name(), source.location(), error);
          } else {
            LOG.debugf("GPU inventory still unreadable from %s: %s", source.location(), error);
          }
        })
        .onFailure().recoverWithNull()
        .replaceWithVoid();
  }
}
