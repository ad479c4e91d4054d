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

  @Test
  void theWindowClipsTheTotalAndTheLimitTheList() throws Exception {
    String uuid = "GPU-" + UUID.randomUUID();
    Instant reported = Instant.now().minus(Duration.ofMinutes(50));
    publish(new GpuEvent(GpuEvent.SCHEMA, "idle", reported, "node-2", uuid, "llm", "vllm-1", 10.0, "idle")); // began 60 min ago
    publish(new GpuEvent(GpuEvent.SCHEMA, "idle-ended", reported.plus(Duration.ofMinutes(30)), "node-2", uuid, "llm", "vllm-1", 40.0,
        "ended")); // ended 20 min ago
    String open = "GPU-" + UUID.randomUUID(); // a second stretch, still open, so that a limit of 1 truncates
    publish(new GpuEvent(GpuEvent.SCHEMA, "idle", Instant.now(), "node-2", open, "llm", "vllm-2", 10.0, "idle"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/waste").then().statusCode(200)
        .body("stretches.uuid", hasItem(uuid)).body("stretches.uuid", hasItem(open)));
    // since 30 minutes ago: 10 of its 40 minutes fall in the window
    String since = Instant.now().minus(Duration.ofMinutes(30)).toString();
    float inWindow = given().queryParam("since", since).get("/api/v1/waste").then().statusCode(200)
        .body("since", equalTo(since))
        .extract().path("stretches.find { it.uuid == '" + uuid + "' }.gpuMinutes");
    org.junit.jupiter.api.Assertions.assertEquals(10.0, inWindow, 0.1);
    // since 10 minutes ago: it had ended, so it is not listed
    given().queryParam("since", Instant.now().minus(Duration.ofMinutes(10)).toString()).get("/api/v1/waste").then().statusCode(200)
        .body("stretches.uuid", org.hamcrest.Matchers.not(hasItem(uuid)));
    given().queryParam("limit", "1").get("/api/v1/waste").then().statusCode(200)
        .body("stretches", org.hamcrest.Matchers.hasSize(1))
        .body("truncated", equalTo(true));
    for (String[] bad : new String[][] {{"limit", "0"}, {"limit", "10001"}, {"limit", "lots"}, {"since", "yesterday"},
        {"since", "2999-01-01T00:00:00Z"}}) {
      given().queryParam(bad[0], bad[1]).get("/api/v1/waste").then().statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo(bad[0]));
    }
  }
}
