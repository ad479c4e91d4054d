package dev.plimsoll.gpu.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.GpuEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Publishes {@link GpuEvent}s on {@code gpu-events} (routing key: the type). A failed publish is logged, never thrown. */
@ApplicationScoped
public class GpuEventPublisher {
  private static final Logger LOG = Logger.getLogger(GpuEventPublisher.class);

  private final MutinyEmitter<String> emitter;
  private final ObjectMapper mapper;

  public GpuEventPublisher(@Channel("gpu-events") MutinyEmitter<String> emitter, ObjectMapper mapper) {
    this.emitter = emitter;
    this.mapper = mapper;
  }

  public Uni<Void> publish(List<GpuEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> sends = events.stream().map(this::publish).toList();
    return Uni.join().all(sends).andCollectFailures().replaceWithVoid().onFailure().recoverWithNull();
  }

  private Uni<Void> publish(GpuEvent e) {
    String json;
    try {
      json = mapper.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      LOG.errorf(ex, "a GPU event could not be written as JSON");
      return Uni.createFrom().voidItem();
    }
    LOG.infof("GPU event %s: %s", e.type(), e.message());
    return emitter.sendMessage(Message.of(json).addMetadata(OutgoingRabbitMQMetadata.builder().withRoutingKey(e.type())
            .withContentType("application/json").build()))
        .ifNoItem().after(Duration.ofSeconds(5)).fail()
        .onFailure().invoke(ex -> LOG.warnf("GPU event %s not published: %s", e.type(), ex.getMessage()))
        .onFailure().recoverWithNull();
  }
}
