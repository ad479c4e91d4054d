package dev.plimsoll.collector.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.MetricSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes snapshots on the {@code metric-snapshots} exchange: the record as JSON text, routing key
 * the workload id, content type {@code application/json} (contract: docs/contracts.md, "Events").
 */
@ApplicationScoped
public class SnapshotEmitter {
  /** The outgoing channel, bound to the exchange in application.properties. */
  public static final String CHANNEL = "snapshots";
  private static final Logger LOG = Logger.getLogger(SnapshotEmitter.class);

  private final MutinyEmitter<String> emitter;
  private final ObjectMapper mapper;
  private final Counter published;
  private final Counter failed;

  public SnapshotEmitter(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper mapper, MeterRegistry registry) {
    this.emitter = emitter;
    this.mapper = mapper;
    this.published = Counter.builder("plimsoll.collector.snapshots.published")
        .description("Metric snapshots published and confirmed by the broker")
        .register(registry);
    this.failed = Counter.builder("plimsoll.collector.snapshot.publish.failures")
        .description("Metric snapshots that could not be published")
        .register(registry);
  }

  /** Sends the snapshot without waiting; the outcome is counted and failures are logged. */
  public void publish(MetricSnapshot snapshot) {
    String json;
    try {
      json = mapper.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      failed.increment();
      LOG.errorf("cannot serialise the snapshot of %s: %s", snapshot.workload(), e.getOriginalMessage());
      return;
    }
    var metadata = OutgoingRabbitMQMetadata.builder()
        .withRoutingKey(snapshot.workload())
        .withContentType("application/json")
        .build();
    try {
      emitter.sendMessage(Message.of(json).addMetadata(metadata))
          .subscribe().with(ok -> published.increment(), e -> {
            failed.increment();
            LOG.warnf("snapshot of %s not published: %s", snapshot.workload(), e.getMessage());
          });
    } catch (RuntimeException e) { // the emitter refuses synchronously when its buffer is full or the channel is down
      failed.increment();
      LOG.warnf("snapshot of %s not published: %s", snapshot.workload(), e.getMessage());
    }
  }
}
