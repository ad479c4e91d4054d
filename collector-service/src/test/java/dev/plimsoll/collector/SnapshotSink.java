package dev.plimsoll.collector;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Test-only consumer of the collector's own metric-snapshots exchange (channel {@code test-snapshots},
 * configured in the %test profile): keeps every delivery's routing key, content type and raw body.
 */
@ApplicationScoped
public class SnapshotSink {

  /** One delivery as it arrived from RabbitMQ. */
  public record Delivery(String routingKey, String contentType, String body) {}

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  @Incoming("test-snapshots")
  public CompletionStage<Void> receive(Message<?> message) {
    var metadata = message.getMetadata(IncomingRabbitMQMetadata.class);
    deliveries.add(new Delivery(
        metadata.map(IncomingRabbitMQMetadata::getRoutingKey).orElse(null),
        metadata.flatMap(IncomingRabbitMQMetadata::getContentType).orElse(null),
        body(message)));
    return message.ack();
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private static String body(Message<?> message) {
    if (message instanceof IncomingRabbitMQMessage<?> rabbit) {
      return rabbit.getRabbitMQMessage().body().toString(StandardCharsets.UTF_8.name());
    }
    Object payload = message.getPayload();
    if (payload instanceof JsonObject json) {
      return json.encode();
    }
    if (payload instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return String.valueOf(payload);
  }
}
