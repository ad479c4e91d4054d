package dev.plimsoll.scaler.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.ScalingDecision;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Collects every ScalingDecision published on the test-prefixed {@code scaling-decisions} exchange. */
@ApplicationScoped
public class TestDecisionCollector {

  private final ObjectMapper mapper;
  private final List<ScalingDecision> received = new CopyOnWriteArrayList<>();
  private final List<String> routingKeys = new CopyOnWriteArrayList<>();

  public TestDecisionCollector(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Incoming("test-decisions-in")
  public CompletionStage<Void> onDecision(Message<?> message) {
    try {
      Object payload = message.getPayload();
      String json = payload instanceof String s ? s
          : payload instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
          : payload instanceof Buffer buf ? buf.toString(StandardCharsets.UTF_8)
          : payload instanceof JsonObject o ? o.encode()
          : String.valueOf(payload);
      ScalingDecision decision = mapper.readValue(json, ScalingDecision.class);
      received.add(decision);
      message.getMetadata(io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata.class)
          .ifPresent(m -> routingKeys.add(decision.workload() + " <- " + m.getRoutingKey()));
    } catch (Exception e) {
      throw new IllegalStateException("unreadable decision event", e);
    }
    return message.ack();
  }

  public List<ScalingDecision> of(String workload) {
    return received.stream().filter(d -> d.workload().equals(workload)).toList();
  }

  /** "workload <- routing key" of every decision received. */
  public List<String> routingKeys() {
    return List.copyOf(routingKeys);
  }
}
