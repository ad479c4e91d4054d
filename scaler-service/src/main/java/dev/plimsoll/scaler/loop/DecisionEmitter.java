package dev.plimsoll.scaler.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.ScalingDecision;
import dev.plimsoll.scaler.config.ScalerConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes {@link ScalingDecision}s as JSON on channel {@value #CHANNEL} (exchange
 * {@code <prefix>scaling-decisions}, routing key = workload id). A failed publish is logged, never thrown.
 */
@ApplicationScoped
public class DecisionEmitter {

  public static final String CHANNEL = "decisions";
  private static final Logger LOG = Logger.getLogger(DecisionEmitter.class);

  private final MutinyEmitter<String> emitter;
  private final ObjectMapper mapper;
  private final ScalerConfig config;
  private final dev.plimsoll.scaler.audit.DecisionStream stream;

  public DecisionEmitter(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper mapper, ScalerConfig config,
      dev.plimsoll.scaler.audit.DecisionStream stream) {
    this.emitter = emitter;
    this.mapper = mapper;
    this.config = config;
    this.stream = stream;
  }

  /** Publishes the decision; completes (without failure) once the broker connection took it or it was given up. */
  public Uni<Void> publish(ScalingDecision decision) {
    stream.offer(decision);
    String json;
    try {
      json = mapper.writeValueAsString(decision);
    } catch (JsonProcessingException e) {
      LOG.errorf(e, "cannot serialise the decision for %s", decision.workload());
      return Uni.createFrom().voidItem();
    }
    Message<String> message = Message.of(json).addMetadata(OutgoingRabbitMQMetadata.builder()
        .withRoutingKey(decision.workload())
        .withContentType("application/json")
        .build());
    return emitter.sendMessage(message)
        .ifNoItem().after(config.publishTimeout()).fail()
        .onFailure().recoverWithItem(e -> {
          LOG.warnf("could not publish the decision for %s: %s", decision.workload(), e.toString());
          return null;
        });
  }
}
