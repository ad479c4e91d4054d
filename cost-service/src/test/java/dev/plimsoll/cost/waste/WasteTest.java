package dev.plimsoll.cost.waste;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.cost.BigWorkloadResource;
import dev.plimsoll.events.GpuEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** The gpu-service's idle events through the real RabbitMQ into priced idle stretches (GET /api/v1/waste). */
@QuarkusTest
@WithTestResource(BigWorkloadResource.class)
class WasteTest {

  @Inject
  @Channel("test-gpu-events")
  MutinyEmitter<String> gpuEvents;

  @Inject
  ObjectMapper mapper;

  private void publish(GpuEvent e) throws Exception {
    gpuEvents.sendMessageAndAwait(Message.of(mapper.writeValueAsString(e), Metadata.of(OutgoingRabbitMQMetadata.builder()
        .withRoutingKey(e.type()).withContentType("application/json").build())));
  }

  @Test
  void anIdleStretchIsCountedFromItsStartToItsEnd() throws Exception {
    String uuid = "GPU-" + UUID.randomUUID();
    Instant reported = Instant.now().minus(Duration.ofMinutes(50));
    // Reported after 10 idle minutes (so it began 60 min ago), ended 30 min later: 40 GPU-minutes.
    publish(new GpuEvent(GpuEvent.SCHEMA, "idle", reported, "node-1", uuid, "llm", "vllm-0", 10.0, "idle"));
    publish(new GpuEvent(GpuEvent.SCHEMA, "xid", reported, "node-1", uuid, "llm", "vllm-0", 79.0, "not waste")); // not routed here
    publish(new GpuEvent(GpuEvent.SCHEMA, "idle-ended", reported.plus(Duration.ofMinutes(30)), "node-1", uuid, "llm", "vllm-0", 40.0, "ended"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/waste").then().statusCode(200)
        .body("stretches.uuid", hasItem(uuid))
        .body("stretches.find { it.uuid == '" + uuid + "' }.gpuMinutes", equalTo(40.0f))
        .body("stretches.find { it.uuid == '" + uuid + "' }.pod", equalTo("vllm-0"))
        .body("currency", equalTo("USD")));
  }
}
