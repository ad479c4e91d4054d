package dev.plimsoll.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.ScalingDecision;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Test-only producer on the test-prefixed {@code scaling-decisions} exchange (channel {@code test-decisions},
 * configured under {@code %test} in application.properties), publishing the way the scaler does.
 */
@ApplicationScoped
public class DecisionPublisher {

  private final MutinyEmitter<String> emitter;
  private final ObjectMapper mapper;

  public DecisionPublisher(@Channel("test-decisions") MutinyEmitter<String> emitter, ObjectMapper mapper) {
    this.emitter = emitter;
    this.mapper = mapper;
  }

  public void decision(String workload, Instant decidedAt, int currentReplicas, int replicasAfter) {
    var d = new ScalingDecision(ScalingDecision.SCHEMA, null, workload, decidedAt, currentReplicas, replicasAfter, replicasAfter,
        "DesiredWithinRange", "queue_depth", 7.0, 5.0, currentReplicas != replicasAfter, null);
    try {
      raw(workload, mapper.writeValueAsString(d));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends any body, for example a malformed one, and waits for the broker to confirm it. */
  public void raw(String routingKey, String body) {
    var meta = OutgoingRabbitMQMetadata.builder().withRoutingKey(routingKey).withContentType("application/json").build();
    emitter.sendMessageAndAwait(Message.of(body, Metadata.of(meta)));
  }
}
