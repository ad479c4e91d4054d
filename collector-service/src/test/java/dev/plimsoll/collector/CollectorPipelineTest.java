package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.exposition.Exposition;
import dev.plimsoll.exposition.ExpositionParser;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.exposition.Sample;
import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.SignalNames;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The thin real path end to end: discovery from a fake simulator over HTTP, concurrent scrapes (one
 * target hangs, one is too large), windows, signals, snapshots published on the REAL RabbitMQ and read
 * back from the test-prefixed exchange, and the REST API, health and metrics around it.
 */
@QuarkusTest
@WithTestResource(FakeSimulator.class)
class CollectorPipelineTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Inject
  SnapshotSink sink;

  @Inject
  ObjectMapper mapper;

  @Test
  void targetsShowTheServingReplicasUpAndTheBrokenOnesDownWithTheirReason() {
    await().atMost(PATIENCE).untilAsserted(() -> {
      List<Map<String, Object>> targets = given().get("/api/v1/targets").then().statusCode(200).extract().jsonPath().getList("$");
      assertEquals(List.of(FakeSimulator.HANGING, "chat-0", "chat-1", FakeSimulator.HUGE),
          targets.stream().map(t -> t.get("replica")).toList(), "READY replicas in discovery order; the LOADING one is no target");
      for (String replica : FakeSimulator.WAITING.keySet()) {
        Map<String, Object> t = target(targets, replica);
        assertAll(replica,
            () -> assertEquals(true, t.get("up")),
            () -> assertEquals(FakeSimulator.CHAT, t.get("workload")),
            () -> assertTrue(((String) t.get("url")).endsWith("/fleets/chat/replicas/" + replica + "/metrics")),
            () -> assertNull(t.get("lastError")),
            () -> assertNotNull(t.get("lastScrape")),
            () -> assertTrue(((Number) t.get("samples")).intValue() > 0),
            () -> assertTrue(((Number) t.get("scrapeDurationSeconds")).doubleValue() < 0.8, "well within the timeout"));
      }
      Map<String, Object> hanging = target(targets, FakeSimulator.HANGING);
      assertEquals(false, hanging.get("up"));
      assertEquals("timed out after 800 ms", hanging.get("lastError"), () -> "hanging: " + hanging);
      Map<String, Object> huge = target(targets, FakeSimulator.HUGE);
      assertEquals(false, huge.get("up"));
      assertEquals("response body over the 65536-byte limit (collector.max-body-bytes)", huge.get("lastError"), () -> "huge: " + huge);
    });
  }

  @Test
  void aHungTargetDoesNotHoldUpTheOthers() {
    await().atMost(PATIENCE).until(() -> FakeSimulator.arrivals(FakeSimulator.HANGING).size() >= 4
        && FakeSimulator.arrivals("chat-0").size() >= 4);
    // Each target has its own timer: while every request to the hanging replica waits for its 800 ms
    // timeout, chat-0 is still asked every second (1 s apart, not 1 s plus a timeout), and the hanging
    // one is asked again every second too (never two of its scrapes at once).
    for (String replica : List.of("chat-0", FakeSimulator.HANGING)) {
      List<Instant> asked = FakeSimulator.arrivals(replica);
      for (int i = asked.size() - 3; i < asked.size(); i++) {
        long gap = Duration.between(asked.get(i - 1), asked.get(i)).toMillis();
        assertTrue(gap > 700 && gap < 1300, replica + " asked " + gap + " ms after its previous scrape");
      }
    }
  }

  @Test
  void aSnapshotPerWorkloadArrivesOverRabbitMq() {
    Instant testStart = Instant.now();

    MetricSnapshot chat = await().atMost(PATIENCE).until(
        () -> latest(FakeSimulator.CHAT, testStart).filter(s -> s.signals().get(SignalNames.GENERATION_TOKENS_PER_SECOND).value() != null),
        Optional::isPresent).orElseThrow();

    double waiting = FakeSimulator.WAITING.values().stream().mapToInt(Integer::intValue).sum();
    double kv = FakeSimulator.KV_USAGE.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertAll(
        () -> assertEquals(MetricSnapshot.SCHEMA, chat.schema()),
        () -> assertEquals(4, chat.targets(), "hanging, chat-0, chat-1, huge"),
        () -> assertEquals(2, chat.targetsUp()),
        () -> assertEquals(waiting, chat.signals().get(SignalNames.QUEUE_DEPTH).value()),
        () -> assertFalse(chat.signals().get(SignalNames.QUEUE_DEPTH).stale()),
        () -> assertEquals(2.0 * FakeSimulator.WAITING.size(), chat.signals().get(SignalNames.REQUESTS_RUNNING).value()),
        () -> assertEquals(kv, chat.signals().get(SignalNames.KV_CACHE_USAGE).value(), 1e-9, "chat-1 only has the v0 name"),
        () -> assertTrue(chat.signals().get(SignalNames.GENERATION_TOKENS_PER_SECOND).value() > 0),
        // Every request adds 2/5/10/10 observations to le 0.1/0.5/1.0/+Inf, so the increase over any window
        // has those proportions: rank 0.95*10 = 9.5 in (0.5, 1.0]: 0.5 + 0.5 * (9.5-5)/(10-5) = 0.95.
        () -> assertEquals(0.95, chat.signals().get(SignalNames.TTFT_P95_SECONDS).value(), 1e-6));

    SnapshotSink.Delivery delivery = sink.deliveries().stream().filter(d -> FakeSimulator.CHAT.equals(d.routingKey())).findFirst()
        .orElseThrow();
    assertEquals("application/json", delivery.contentType());

    MetricSnapshot idle = await().atMost(PATIENCE).until(() -> latest(FakeSimulator.IDLE, testStart), Optional::isPresent).orElseThrow();
    assertEquals(0, idle.targets(), "a fleet without READY replicas still gets a snapshot");
    assertTrue(idle.signals().keySet().containsAll(List.of(SignalNames.QUEUE_DEPTH, SignalNames.REQUESTS_RUNNING, SignalNames.KV_CACHE_USAGE,
        SignalNames.GENERATION_TOKENS_PER_SECOND, SignalNames.TTFT_P95_SECONDS)), "the scaler's five signals, among the catalogue's");
    idle.signals().forEach((name, signal) -> assertNull(signal.value(), name + " has no data, so null, never 0"));
  }

  @Test
  void snapshotsAreQueryablePerWorkload() {
    await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("workload", FakeSimulator.CHAT).get("/api/v1/snapshots")
        .then().statusCode(200).contentType(ContentType.JSON)
        .body("size()", equalTo(1))
        .body("[0].workload", equalTo(FakeSimulator.CHAT))
        .body("[0].signals.queue_depth.value", equalTo((float) FakeSimulator.WAITING.values().stream().mapToInt(Integer::intValue).sum())));
    given().get("/api/v1/snapshots").then().statusCode(200).body("workload", hasItem(FakeSimulator.IDLE));

    given().queryParam("workload", "simulated/demo/Fleet/nope").get("/api/v1/snapshots")
        .then().statusCode(404).header("Content-Type", startsWith(Problem.MEDIA))
        .body("status", equalTo(404))
        .body("type", endsWith("/unknown-workload"))
        .body("detail", containsString("simulated/demo/Fleet/nope"));
    given().queryParam("workload", "not-a-workload").get("/api/v1/snapshots")
        .then().statusCode(400).header("Content-Type", startsWith(Problem.MEDIA))
        .body("errors[0].field", equalTo("workload"));
  }

  @Test
  void unknownPathsAreProblemJson() {
    for (String path : List.of("/api/v1/nothing-here", "/nothing-here")) {
      given().get(path).then().statusCode(404).header("Content-Type", startsWith(Problem.MEDIA))
          .body("status", equalTo(404))
          .body("title", equalTo("Not Found"))
          .body("instance", equalTo(path))
          .body(not(containsString("Exception")));
    }
    given().post("/api/v1/targets").then().statusCode(405).header("Content-Type", startsWith(Problem.MEDIA)).body("status", equalTo(405));
  }

  @Test
  void readyWhenDiscoveryWorksAndRabbitMqIsConnected() {
    await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'target-discovery' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'target-discovery' }.data.sources", org.hamcrest.Matchers.containsString("/api/v1/fleets")));
  }

  @Test
  void ownMetricsCountScrapesTargetsAndSnapshots() {
    await().atMost(PATIENCE).untilAsserted(() -> {
      Exposition metrics = ExpositionParser.text().parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
      assertTrue(value(metrics, "plimsoll_collector_scrapes_total", "result", "success") > 0);
      assertTrue(value(metrics, "plimsoll_collector_scrapes_total", "result", "failure") > 0);
      assertTrue(value(metrics, "plimsoll_collector_scrape_duration_seconds_count", "result", "success") > 0);
      assertEquals(2.0, value(metrics, "plimsoll_collector_targets", "state", "up"));
      assertEquals(2.0, value(metrics, "plimsoll_collector_targets", "state", "down"));
      assertTrue(metrics.samples("plimsoll_collector_snapshots_published_total").get(0).value() > 0);
    });
  }

  @Test
  void openApiDescribesTheApi() {
    given().get("/q/openapi?format=json").then().statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/targets"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/snapshots"));
  }

  private static double value(Exposition metrics, String name, String label, String labelValue) {
    return metrics.samples(name).stream().filter(s -> labelValue.equals(s.labels().get(label))).mapToDouble(Sample::value)
        .findFirst().orElseThrow(() -> new AssertionError("no " + name + Labels.of(label, labelValue)));
  }

  private Optional<MetricSnapshot> latest(String workload, Instant notBefore) {
    return sink.deliveries().stream()
        .filter(d -> workload.equals(d.routingKey()))
        .map(d -> read(d.body()))
        .filter(s -> s.workload().equals(workload) && !s.observedAt().isBefore(notBefore))
        .max(Comparator.comparing(MetricSnapshot::observedAt));
  }

  private MetricSnapshot read(String json) {
    try {
      return mapper.readValue(json, MetricSnapshot.class);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> target(List<Map<String, Object>> targets, String replica) {
    return targets.stream().filter(t -> replica.equals(t.get("replica"))).findFirst().orElseThrow(() -> new AssertionError("no " + replica));
  }

  /** The problem media type, for rest-assured. */
  private static final class Problem {
    static final String MEDIA = dev.plimsoll.events.Problem.MEDIA_TYPE;
  }
}
