package dev.plimsoll.cost.waste;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.GpuEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the gpu-service's {@code idle} and {@code idle-ended} events ({@code gpu-events}) into idle stretches: an
 * {@code idle} event opens one for its GPU (started its {@code value} minutes before the event), {@code idle-ended}
 * closes it. A malformed message is logged and acknowledged.
 */
@ApplicationScoped
public class IdleGpuListener implements PanacheRepository<IdleGpuEntity> {
  private static final Logger LOG = Logger.getLogger(IdleGpuListener.class);

  private final ObjectMapper mapper;

  public IdleGpuListener(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Incoming("gpu-events")
  public Uni<Void> consume(byte[] body) {
    GpuEvent e;
    try {
      e = mapper.readValue(body, GpuEvent.class);
    } catch (java.io.IOException ex) {
      LOG.warnf("Skipping a malformed GPU event: %s", ex.getMessage());
      return Uni.createFrom().voidItem();
    }
    if (e.node() == null || e.uuid() == null || e.at() == null) {
      LOG.warnf("Skipping a GPU event without node, uuid or time: %s", e);
      return Uni.createFrom().voidItem();
    }
    return switch (e.type() == null ? "" : e.type()) {
      case "idle" -> Panache.withTransaction(() -> open(e.node(), e.uuid()).chain(existing -> {
        if (existing != null) {
          return Uni.createFrom().voidItem();
        }
        IdleGpuEntity row = new IdleGpuEntity();
        row.setNode(e.node());
        row.setUuid(e.uuid());
        row.setNamespace(e.namespace());
        row.setPod(e.pod());
        long seconds = e.value() == null ? 0 : Math.max(0, Math.round(e.value() * 60));
        row.setStartedAt(e.at().minus(Duration.ofSeconds(seconds)));
        return persist(row).replaceWithVoid();
      }));
      case "idle-ended" -> Panache.withTransaction(() -> open(e.node(), e.uuid()).invoke(existing -> {
        if (existing != null) {
          existing.setEndedAt(e.at());
        }
      }).replaceWithVoid());
      default -> Uni.createFrom().voidItem();
    };
  }

  private Uni<IdleGpuEntity> open(String node, String uuid) {
    return find("node = ?1 and uuid = ?2 and endedAt is null", node, uuid).firstResult();
  }
}
