package dev.plimsoll.scaler.support;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes raw snapshot JSON on the test-prefixed {@code metric-snapshots} exchange through the real RabbitMQ. */
@ApplicationScoped
public class TestSnapshotPublisher {

  private final MutinyEmitter<String> emitter;

  public TestSnapshotPublisher(@Channel("test-snapshots-out") MutinyEmitter<String> emitter) {
    this.emitter = emitter;
  }

  public void publish(String routingKey, String json) {
    emitter.sendMessage(Message.of(json).addMetadata(OutgoingRabbitMQMetadata.builder()
            .withRoutingKey(routingKey).withContentType("application/json").build()))
        .await().atMost(Duration.ofSeconds(10));
  }
}
