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
  private final dev.plimsoll.gpu.live.GpuEventPublisher events;

  public InventoryRefresher(InventorySource source, InventoryCache cache, GpuMetrics metrics, Clock clock,
      dev.plimsoll.gpu.live.GpuEventPublisher events) {
    this.events = events;
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
        .call(observation -> {
          RefreshStatus before = cache.succeeded(observation);
          metrics.refreshed(true);
          if (!before.ready()) {
            LOG.infof("GPU inventory read from %s at %s: %d node(s), %d GPU(s), %d allocated", source.name(), source.location(),
                observation.inventory().nodes(), observation.inventory().gpus(), observation.inventory().allocated());
          }
          // Capacity changes after the first read (a node with GPUs appeared or went, or its GPU count changed).
          if (before.lastSuccess() == null) {
            return io.smallrye.mutiny.Uni.createFrom().voidItem();
          }
          var changes = dev.plimsoll.gpu.inventory.Inventory.changes(before.lastSuccess().inventory(), observation.inventory());
          return events.publish(changes.stream().map(c -> new dev.plimsoll.events.GpuEvent(dev.plimsoll.events.GpuEvent.SCHEMA, "capacity",
              observation.observedAt(), c.node(), null, null, null, c.after() == null ? 0.0 : c.after().doubleValue(),
              "node " + c.node() + (c.before() == null ? " appeared with " + c.after() + " GPU(s)" : c.after() == null
                  ? " with " + c.before() + " GPU(s) went" : ": " + c.before() + " -> " + c.after() + " GPU(s)"))).toList());
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
