package dev.plimsoll.scaler.loop;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.events.ScalingDecision;
import dev.plimsoll.scaler.support.FakeSimulator;
import dev.plimsoll.scaler.support.FakeSimulatorResource;
import dev.plimsoll.scaler.support.InjectFakeSimulator;
import dev.plimsoll.scaler.support.TestDecisionCollector;
import dev.plimsoll.scaler.support.TestSnapshotPublisher;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The loop end to end inside one service: snapshots go through the real RabbitMQ (test-prefixed exchange),
 * policies and decisions through the real PostgreSQL, scale calls to a real HTTP server playing the simulator,
 * and decisions come back through RabbitMQ. Each test uses its own fleet.
 */
@QuarkusTest
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class ScaleLoopTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @InjectFakeSimulator
  FakeSimulator simulator;

  @Inject
  TestSnapshotPublisher publisher;

  @Inject
  TestDecisionCollector collector;

  @Inject
  ScaleLoop loop;

  @Test
  void decisionsStreamAsServerSentEventsAndTheAuditFilters() throws Exception {
    String workload = "simulated/demo/Fleet/streamed";
    simulator.fleet("demo", "streamed", 2);
    var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var client = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
        + "/api/v1/decisions/stream?workload=" + workload)).header("Accept", "text/event-stream").build();
    var response = client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
    var reader = new Thread(() -> {
      try {
        response.get(10, java.util.concurrent.TimeUnit.SECONDS).body().forEach(lines::add);
      } catch (Exception e) {
        lines.add("failed: " + e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    Thread.sleep(500); // subscribed before anything is decided: the stream is hot
    createPolicy(workload, "queue_depth", 5.0, 1, 8);
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "22.0"));

    await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"desiredReplicas\":5")));
    String event = lines.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
    assertTrue(event.contains("\"workload\":\"" + workload + "\""), event);
    response.cancel(true);

    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", workload).queryParam("reason", "DesiredWithinRange")
        .get("/api/v1/decisions").then().statusCode(200).body("", hasSize(1)));
    given().queryParam("workload", workload).queryParam("reason", "ScaleDownLimit").get("/api/v1/decisions").then().statusCode(200)
        .body("", hasSize(0));
    given().queryParam("workload", workload).queryParam("since", Instant.now().plusSeconds(3600).toString()).get("/api/v1/decisions")
        .then().statusCode(200).body("", hasSize(0));
    given().queryParam("workload", workload).queryParam("until", Instant.now().plusSeconds(3600).toString()).queryParam("page", 1)
        .queryParam("limit", 1).get("/api/v1/decisions").then().statusCode(200).body("", hasSize(0));
    given().queryParam("since", "yesterday").get("/api/v1/decisions").then().statusCode(400);
  }

  @Test
  void aScaleUpIsCappedToTheReplicasThatFitOnFreeGpus() {
    String workload = "simulated/demo/Fleet/gpucapped";
    simulator.fleet("demo", "gpucapped", 2);
    dev.plimsoll.scaler.support.TestGpuHeadroom.HEADROOM.put(workload, 1);
    try {
      createPolicy(workload, "queue_depth", 5.0, 1, 8);
      publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "22.0")); // wants 5; 1 more fits
      await().atMost(WAIT).until(() -> !simulator.puts("gpucapped").isEmpty());
      assertEquals(List.of(new FakeSimulator.Put("gpucapped", 3)), simulator.puts("gpucapped"));
      await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", workload).get("/api/v1/decisions").then().statusCode(200)
          .body("[0].reason", equalTo("GpuCapacityLimited"))
          .body("[0].desiredReplicas", equalTo(3)));
    } finally {
      dev.plimsoll.scaler.support.TestGpuHeadroom.HEADROOM.remove(workload);
    }
  }

  @Test
  void thePublishedCountIsWhatThePlatformSetNotWhatWasAskedFor() {
    // A platform that sets less than asked (a Swarm service's plimsoll.max label caps it): the cost service is told 3,
    // not 5, and asking again for 5 while 3 stay is no new scale event in the audit.
    String workload = "simulated/demo/Fleet/platformcapped";
    simulator.cappedFleet("demo", "platformcapped", 2, 3);
    createPolicy(workload, "queue_depth", 5.0, 1, 8);
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "22.0")); // wants 5
    await().atMost(WAIT).until(() -> collector.of(workload).stream().anyMatch(ScalingDecision::applied));
    ScalingDecision first = collector.of(workload).stream().filter(ScalingDecision::applied).findFirst().orElseThrow();
    assertEquals(5, first.desiredReplicas());
    assertEquals(3, first.replicasAfter());
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "22.0"));
    await().atMost(WAIT).until(() -> simulator.puts("platformcapped").size() == 2);
    await().atMost(WAIT).until(() -> collector.of(workload).size() >= 2);
    ScalingDecision second = collector.of(workload).get(collector.of(workload).size() - 1);
    assertEquals(3, second.replicasAfter());
    assertEquals(false, second.applied());
    given().queryParam("workload", workload).get("/api/v1/decisions").then().statusCode(200).body("", hasSize(1))
        .body("[0].applied", equalTo(true))
        .body("[0].message", org.hamcrest.Matchers.endsWith("; the platform set 3 of the 5 asked for"));
  }

  @Test
  void aDryRunPolicyRecordsWhatItWouldDoButNeverScalesAndAPausedOneDoesNothing() {
    String workload = "simulated/demo/Fleet/dryrun";
    simulator.fleet("demo", "dryrun", 2);
    long id = given().contentType(ContentType.JSON)
        .body("""
            {"workload":"%s","minReplicas":1,"maxReplicas":8,"mode":"dry-run",
             "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}
            """.formatted(workload))
        .when().post("/api/v1/policies").then().statusCode(201).body("mode", equalTo("dry-run")).extract().jsonPath().getLong("id");
    for (int i = 0; i < 3; i++) {
      publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "22.0"));
    }
    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", workload).get("/api/v1/decisions").then().statusCode(200)
        .body("", hasSize(1))
        .body("[0].desiredReplicas", equalTo(5))
        .body("[0].applied", equalTo(false))
        .body("[0].message", org.hamcrest.Matchers.startsWith("dry-run, not applied")));
    assertTrue(simulator.puts("dryrun").isEmpty(), "a dry run never scales");

    given().contentType(ContentType.JSON)
        .body("""
            {"workload":"%s","minReplicas":1,"maxReplicas":8,"mode":"paused","version":0,
             "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}
            """.formatted(workload))
        .when().put("/api/v1/policies/" + id).then().statusCode(200).body("mode", equalTo("paused"));
    double before = counter("plimsoll_scaler_snapshots_ignored_total", "cause", "paused");
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "40.0"));
    await().atMost(WAIT).until(() -> counter("plimsoll_scaler_snapshots_ignored_total", "cause", "paused") > before);
    assertTrue(simulator.puts("dryrun").isEmpty());

    given().contentType(ContentType.JSON)
        .body("""
            {"workload":"simulated/demo/Fleet/x","minReplicas":1,"maxReplicas":8,"mode":"yolo",
             "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}""")
        .when().post("/api/v1/policies").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("mode"));
  }

  @Test
  void withoutSnapshotsTheFallbackScalesUpAfterItsCountButNeverDown() {
    String workload = "simulated/demo/Fleet/silent";
    simulator.fleet("demo", "silent", 2);
    given().contentType(ContentType.JSON)
        .body("""
            {"workload":"%s","minReplicas":1,"maxReplicas":8,"fallback":{"failureThreshold":2,"replicas":4},
             "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}
            """.formatted(workload))
        .when().post("/api/v1/policies").then().statusCode(201).body("fallback.failureThreshold", equalTo(2))
        .body("fallback.replicas", equalTo(4));
    // No snapshot ever arrives: the quiet-workload timer (1 s in tests) evaluates with the metric missing.
    await().atMost(WAIT).until(() -> simulator.puts("silent").contains(new FakeSimulator.Put("silent", 4)));
    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", workload).get("/api/v1/decisions").then().statusCode(200)
        .body("[0].reason", equalTo("Fallback"))
        .body("[0].desiredReplicas", equalTo(4)));

    String above = "simulated/demo/Fleet/busy";
    simulator.fleet("demo", "busy", 6);
    createPolicy(above, "queue_depth", 5.0, 1, 8); // no fallback: held
    simulator.fleet("demo", "busy2", 6);
    given().contentType(ContentType.JSON)
        .body("""
            {"workload":"simulated/demo/Fleet/busy2","minReplicas":1,"maxReplicas":8,"fallback":{"failureThreshold":1,"replicas":2},
             "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}
            """)
        .when().post("/api/v1/policies").then().statusCode(201);
    await().pollDelay(java.time.Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
    assertTrue(simulator.puts("busy").isEmpty(), "no fallback: missing data holds the count");
    assertTrue(simulator.puts("busy2").isEmpty(), "a fallback below the current count never scales down");
    // ... but it is audited once when it starts, holding the count.
    given().queryParam("workload", "simulated/demo/Fleet/busy2").get("/api/v1/decisions").then().statusCode(200)
        .body("", hasSize(1))
        .body("[0].reason", equalTo("Fallback"))
        .body("[0].desiredReplicas", equalTo(6))
        .body("[0].applied", equalTo(false))
        .body("[0].inputs.fallback", equalTo(6))
        .body("[0].inputs.metrics.queue_depth.problem", equalTo("no value (missing or stale)"));
  }

  @Test
  void queueAboveTargetScalesTheFleetStoresAndPublishesTheDecision() {
    String workload = "simulated/demo/Fleet/chat";
    simulator.fleet("demo", "chat", 2);
    createPolicy(workload, "queue_depth", 5.0, 1, 8);

    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "22.0"));

    // 22 waiting requests / 5 per replica = ceil(4.4) = 5 replicas
    await().atMost(WAIT).until(() -> !simulator.puts("chat").isEmpty());
    assertEquals(List.of(new FakeSimulator.Put("chat", 5)), simulator.puts("chat"));

    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", workload).when().get("/api/v1/decisions").then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].workload", equalTo(workload))
        .body("[0].currentReplicas", equalTo(2))
        .body("[0].desiredReplicas", equalTo(5))
        .body("[0].reason", equalTo("DesiredWithinRange"))
        .body("[0].metric", equalTo("queue_depth"))
        .body("[0].metricValue", equalTo(22.0f))
        .body("[0].target", equalTo(5.0f))
        .body("[0].applied", equalTo(true))
        .body("[0].error", nullValue())
        .body("[0].policyVersion", equalTo(0))
        .body("[0].inputs.metrics.queue_depth.value", equalTo(22.0f))
        .body("[0].inputs.metrics.queue_depth.proposal", equalTo(5))
        .body("[0].inputs.readyReplicas", equalTo(2))
        .body("[0].inputs.maxReplicas", equalTo(8))
        .body("[0].inputs.rawProposal", equalTo(5))
        .body("[0].inputs.engineReason", equalTo("DesiredWithinRange")));
    long storedId = given().queryParam("workload", workload).get("/api/v1/decisions").jsonPath().getLong("[0].id");

    await().atMost(WAIT).until(() -> collector.of(workload).stream().anyMatch(ScalingDecision::applied));
    ScalingDecision published = collector.of(workload).stream().filter(ScalingDecision::applied).findFirst().orElseThrow();
    assertEquals(ScalingDecision.SCHEMA, published.schema());
    assertEquals(storedId, published.id());
    assertEquals(2, published.currentReplicas());
    assertEquals(5, published.desiredReplicas());
    assertEquals(5, published.replicasAfter());
    assertEquals("DesiredWithinRange", published.reason());
    assertEquals(22.0, published.metricValue());
    assertEquals(5.0, published.target());
    assertTrue(published.applied());
    assertNull(published.error());
    assertTrue(collector.routingKeys().contains(workload + " <- " + workload), collector.routingKeys().toString());
  }

  /** Two metrics: the higher proposal wins, as the HPA's, and the decision names the metric that decided. */
  @Test
  void severalMetricsTakeTheMax() {
    String workload = "simulated/demo/Fleet/multi";
    simulator.fleet("demo", "multi", 2);
    given().contentType(ContentType.JSON).body("""
        {"workload":"%s","maxReplicas":8,
         "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}},
                    {"signal":"kv_cache_usage","target":{"type":"Value","value":0.5}}]}""".formatted(workload))
        .when().post("/api/v1/policies").then().statusCode(201);
    // queue 5 asks for 1, kv 1.0 against 0.5 asks for 4: 4 wins.
    publisher.publish(workload, """
        {"schema":1,"workload":"%s","observedAt":"%s","targets":2,"targetsUp":2,
         "signals":{"queue_depth":{"value":5.0,"observedAt":"%2$s","stale":false},
                    "kv_cache_usage":{"value":1.0,"observedAt":"%2$s","stale":false}}}""".formatted(workload, Instant.now()));
    await().atMost(WAIT).until(() -> simulator.puts("multi").contains(new FakeSimulator.Put("multi", 4)));
    given().queryParam("workload", workload).get("/api/v1/decisions").then().statusCode(200)
        .body("[0].metric", equalTo("kv_cache_usage"))
        .body("[0].target", equalTo(0.5f));
  }

  /** A PromQL-subset query metric is asked of the collector at each evaluation, with $workload filled in. */
  @Test
  void aQueryMetricIsAskedOfTheCollector() {
    String workload = "simulated/demo/Fleet/queried";
    simulator.fleet("demo", "queried", 2);
    String query = "sum(vllm:num_requests_waiting{workload=\"" + workload + "\"})";
    simulator.queryAnswer(query, 22.0);
    given().contentType(ContentType.JSON).body("""
        {"workload":"%s","maxReplicas":8,
         "metrics":[{"name":"waiting","query":"sum(vllm:num_requests_waiting{workload=\\"$workload\\"})",
                     "target":{"type":"AverageValue","averageValue":5}}]}""".formatted(workload))
        .when().post("/api/v1/policies").then().statusCode(201).body("warnings", nullValue());
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "1.0")); // the snapshot's own signals are not used
    await().atMost(WAIT).until(() -> simulator.puts("queried").contains(new FakeSimulator.Put("queried", 5)));
    given().queryParam("workload", workload).get("/api/v1/decisions").then().statusCode(200)
        .body("[0].metric", equalTo("waiting"))
        .body("[0].metricValue", equalTo(22.0f));

    // Two series are not one number: missing data, the count is held.
    simulator.queryAnswer(query, 40.0, 40.0);
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "1.0"));
    await().atMost(WAIT).until(() -> collector.of(workload).stream().anyMatch(d -> "InvalidMetrics".equals(d.reason())));
    assertEquals(List.of(new FakeSimulator.Put("queried", 5)), simulator.puts("queried"));
  }

  @Test
  void evaluationWithinToleranceIsPublishedButNotStored() {
    String workload = "simulated/demo/Fleet/steady";
    simulator.fleet("demo", "steady", 3);
    createPolicy(workload, "queue_depth", 5.0, 1, 8);

    // 15 / (5 x 3) = 1.0: keep 3
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "15.0"));

    await().atMost(WAIT).until(() -> !collector.of(workload).isEmpty());
    ScalingDecision published = collector.of(workload).get(0);
    assertEquals(3, published.currentReplicas());
    assertEquals(3, published.desiredReplicas());
    assertEquals(3, published.replicasAfter());
    assertEquals("DesiredWithinRange", published.reason());
    assertFalse(published.applied());
    assertNull(published.id());
    assertTrue(simulator.puts("steady").isEmpty());
    given().queryParam("workload", workload).when().get("/api/v1/decisions").then().statusCode(200).body("", hasSize(0));
  }

  @Test
  void missingOrStaleMetricNeverScales() {
    String workload = "simulated/demo/Fleet/blind";
    simulator.fleet("demo", "blind", 4);
    createPolicy(workload, "queue_depth", 5.0, 1, 8);

    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "null"));
    // a snapshot far older than scaler.max-snapshot-age, with a value that would scale down to 1
    publisher.publish(workload, snapshot(workload, Instant.now().minusSeconds(3600), "queue_depth", "0.0"));

    await().atMost(WAIT).until(() -> collector.of(workload).size() >= 2);
    for (ScalingDecision d : collector.of(workload)) {
      assertEquals("InvalidMetrics", d.reason());
      assertEquals(4, d.desiredReplicas());
      assertFalse(d.applied());
    }
    assertTrue(simulator.puts("blind").isEmpty());
  }

  @Test
  void failedScaleCallIsStoredWithItsErrorAndCounted() {
    String workload = "simulated/demo/Fleet/flaky";
    simulator.failingFleet("demo", "flaky", 1, 503);
    createPolicy(workload, "queue_depth", 5.0, 1, 8);
    double failuresBefore = counter("plimsoll_scaler_scale_calls_total", "result", "failure");

    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "12.0"));

    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", workload).when().get("/api/v1/decisions").then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].currentReplicas", equalTo(1))
        .body("[0].desiredReplicas", equalTo(3))
        .body("[0].applied", equalTo(false))
        .body("[0].error", org.hamcrest.Matchers.containsString("HTTP 503"))
        .body("[0].error", org.hamcrest.Matchers.containsString("fleet flaky cannot scale right now")));
    await().atMost(WAIT).until(() -> !collector.of(workload).isEmpty());
    ScalingDecision published = collector.of(workload).get(0);
    assertFalse(published.applied());
    assertEquals(1, published.replicasAfter());
    assertTrue(published.error().contains("HTTP 503"), published.error());
    assertEquals(List.of(new FakeSimulator.Put("flaky", 3)), simulator.puts("flaky"));
    await().atMost(WAIT).until(() -> counter("plimsoll_scaler_scale_calls_total", "result", "failure") >= failuresBefore + 1);
  }

  @Test
  void platformWithoutActuatorIsRecordedNotCrashed() {
    String workload = "kubernetes/llm/Deployment/vllm-llama";
    // Without an actuator only a dry run is accepted (with a warning); it still records that nothing could be read.
    given().contentType(ContentType.JSON).body("""
        {"workload":"%s","maxReplicas":8,"metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}
        """.formatted(workload)).when().post("/api/v1/policies").then().statusCode(400)
        .body("errors[0].field", equalTo("workload"))
        .body("errors[0].message", org.hamcrest.Matchers.containsString("no actuator for platform kubernetes"));
    given().contentType(ContentType.JSON).body("""
        {"workload":"%s","maxReplicas":8,"mode":"dry-run","metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}
        """.formatted(workload)).when().post("/api/v1/policies").then().statusCode(201)
        .body("warnings[0]", org.hamcrest.Matchers.containsString("dry-run only"));

    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "30.0"));

    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", workload).when().get("/api/v1/decisions").then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].reason", equalTo("FailedGetScale"))
        .body("[0].currentReplicas", nullValue())
        .body("[0].applied", equalTo(false))
        .body("[0].error", equalTo("no actuator for platform kubernetes yet")));
  }

  @Test
  void malformedAndUnknownSnapshotsAreAckedAndCounted() {
    double malformedBefore = counter("plimsoll_scaler_snapshots_ignored_total", "cause", "malformed");
    double noPolicyBefore = counter("plimsoll_scaler_snapshots_ignored_total", "cause", "no_policy");

    publisher.publish("garbage", "this is not json");
    publisher.publish("garbage", "{\"schema\":1,\"workload\":\"not-a-workload-id\"}");
    publisher.publish("simulated/demo/Fleet/nobody", snapshot("simulated/demo/Fleet/nobody", Instant.now(), "queue_depth", "9.0"));

    await().atMost(WAIT).until(() -> counter("plimsoll_scaler_snapshots_ignored_total", "cause", "malformed") >= malformedBefore + 2
        && counter("plimsoll_scaler_snapshots_ignored_total", "cause", "no_policy") >= noPolicyBefore + 1);

    // the consumer is still alive: a good snapshot behind the bad ones is evaluated
    String workload = "simulated/demo/Fleet/after-garbage";
    simulator.fleet("demo", "after-garbage", 1);
    createPolicy(workload, "queue_depth", 5.0, 1, 8);
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "10.0"));
    await().atMost(WAIT).until(() -> simulator.puts("after-garbage").contains(new FakeSimulator.Put("after-garbage", 2)));
    await().atMost(WAIT).until(() -> counter("plimsoll_scaler_evaluations_total", "reason", "DesiredWithinRange") >= 1);
  }

  @Test
  void decisionsLimitIsValidated() {
    given().queryParam("limit", 0).when().get("/api/v1/decisions").then().statusCode(400)
        .contentType("application/problem+json").body("errors.field", containsInAnyOrder("limit"));
    given().queryParam("limit", 501).when().get("/api/v1/decisions").then().statusCode(400)
        .contentType("application/problem+json").body("errors.field", containsInAnyOrder("limit"));
    given().queryParam("limit", 500).when().get("/api/v1/decisions").then().statusCode(200);
    // a page whose offset (page × limit) would overflow an int: a 400, not a 500
    given().queryParam("page", 4294968).queryParam("limit", 500).when().get("/api/v1/decisions").then().statusCode(400)
        .contentType("application/problem+json").body("errors.field", containsInAnyOrder("page"));
  }

  @Test
  void readinessFollowsTheSimulator() {
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'simulator actuator' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'simulator actuator' }.data.url", org.hamcrest.Matchers.endsWith("/api/v1/fleets"));
    try {
      simulator.fleetsStatus(503);
      given().when().get("/q/health/ready").then().statusCode(503)
          .body("checks.find { it.name == 'simulator actuator' }.status", equalTo("DOWN"))
          .body("checks.find { it.name == 'simulator actuator' }.data.error", equalTo("simulator answered HTTP 503"));
    } finally {
      simulator.fleetsStatus(200);
    }
  }

  /**
   * A scale-up leaves a recommendation of 8 in the 300 s scale-down window; a policy created again (or
   * updated) must start without it, or a low value would keep (here: scale to) 8. It starts as the HPA does,
   * with the count it finds (2) recommended, so a low value holds 2 and a higher one scales from there.
   */
  @Test
  void recreatedPolicyDoesNotInheritTheOldStabilizationHistory() {
    String workload = "simulated/demo/Fleet/recreated";
    // From 4 replicas the HPA's default scale-up limit (max of +4 and +100 % per 15 s) allows 8 at once.
    simulator.fleet("demo", "recreated", 4);
    long id = createPolicy(workload, "queue_depth", 5.0, 1, 8);
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "40.0")); // ceil(40/5) = 8
    await().atMost(WAIT).until(() -> simulator.puts("recreated").contains(new FakeSimulator.Put("recreated", 8)));
    await().atMost(WAIT).until(() -> loop.remembers(workload));

    given().when().delete("/api/v1/policies/" + id).then().statusCode(204);
    assertFalse(loop.remembers(workload), "history evicted on delete");

    simulator.fleet("demo", "recreated", 2);
    createPolicy(workload, "queue_depth", 5.0, 1, 8);
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "5.0")); // ceil(5/5) = 1: holds 2 (the old window: 8)
    await().atMost(WAIT).until(() -> loop.remembers(workload));
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "15.0")); // ceil(15/5) = 3
    await().atMost(WAIT).until(() -> simulator.puts("recreated").size() >= 2);
    assertEquals(List.of(new FakeSimulator.Put("recreated", 8), new FakeSimulator.Put("recreated", 3)), simulator.puts("recreated"));
  }

  @Test
  void updatedPolicyDoesNotInheritTheOldStabilizationHistory() {
    String workload = "simulated/demo/Fleet/updated";
    // From 4 replicas the HPA's default scale-up limit (max of +4 and +100 % per 15 s) allows 8 at once.
    simulator.fleet("demo", "updated", 4);
    long id = createPolicy(workload, "queue_depth", 5.0, 1, 8);
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "40.0")); // ceil(40/5) = 8
    await().atMost(WAIT).until(() -> simulator.puts("updated").contains(new FakeSimulator.Put("updated", 8)));
    await().atMost(WAIT).until(() -> loop.remembers(workload));

    given().contentType(ContentType.JSON)
        .body("""
            {"workload":"%s","minReplicas":1,"maxReplicas":8,"version":0,
             "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":4}}]}
            """.formatted(workload))
        .when().put("/api/v1/policies/" + id).then().statusCode(200);
    assertFalse(loop.remembers(workload), "history evicted on update");

    simulator.fleet("demo", "updated", 2); // scaled by hand meanwhile
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "4.0")); // ceil(4/4) = 1: holds 2 (the old window: 8)
    await().atMost(WAIT).until(() -> loop.remembers(workload));
    publisher.publish(workload, snapshot(workload, Instant.now(), "queue_depth", "12.0")); // ceil(12/4) = 3 at the new target
    await().atMost(WAIT).until(() -> simulator.puts("updated").size() >= 2);
    assertEquals(List.of(new FakeSimulator.Put("updated", 8), new FakeSimulator.Put("updated", 3)), simulator.puts("updated"));
  }

  /** Exceptions of the REST client without a usable message still give the audit a human phrase. */
  @Test
  void unansweredOrCutScaleCallsAreRecordedInWords() {
    String slow = "simulated/demo/Fleet/slow";
    String cut = "simulated/demo/Fleet/cut";
    simulator.hangingFleet("demo", "slow");
    simulator.closingFleet("demo", "cut");
    createPolicy(slow, "queue_depth", 5.0, 1, 8);
    createPolicy(cut, "queue_depth", 5.0, 1, 8);

    publisher.publish(slow, snapshot(slow, Instant.now(), "queue_depth", "10.0"));
    publisher.publish(cut, snapshot(cut, Instant.now(), "queue_depth", "10.0"));

    Pattern slowError = Pattern.compile(
        "simulator call GET http://127\\.0\\.0\\.1:\\d+/api/v1/fleets/slow/scale failed: simulator did not answer within 2 s");
    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", slow).when().get("/api/v1/decisions").then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].reason", equalTo("FailedGetScale"))
        .body("[0].error", org.hamcrest.Matchers.matchesPattern(slowError)));
    await().atMost(WAIT).untilAsserted(() -> given().queryParam("workload", cut).when().get("/api/v1/decisions").then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].reason", equalTo("FailedGetScale"))
        .body("[0].error", org.hamcrest.Matchers.startsWith("simulator call GET http://127.0.0.1:"))
        .body("[0].error", not(containsString("Exception")))
        .body("[0].error", not(org.hamcrest.Matchers.matchesPattern(".*\\b[a-z]\\w*(\\.[a-z]\\w*)+\\.[A-Z].*"))));
  }

  private static long createPolicy(String workload, String metric, double target, int min, int max) {
    return given().contentType(ContentType.JSON)
        .body("""
            {"workload":"%s","minReplicas":%d,"maxReplicas":%d,
             "metrics":[{"signal":"%s","target":{"type":"AverageValue","averageValue":%s}}]}
            """.formatted(workload, min, max, metric, target))
        .when().post("/api/v1/policies").then().statusCode(201).extract().jsonPath().getLong("id");
  }

  private static String snapshot(String workload, Instant observedAt, String signal, String value) {
    return """
        {"schema":1,"workload":"%s","observedAt":"%s","targets":1,"targetsUp":1,
         "signals":{"%s":{"value":%s,"observedAt":"%s","stale":false}}}
        """.formatted(workload, observedAt, signal, value, observedAt);
  }

  /** A counter's value from /q/metrics (0 when it does not exist yet); an exemplar may follow the value. */
  private static double counter(String name, String tag, String value) {
    String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(tag + "=\"" + value + "\"") + "[^}]*\\} (\\S+)",
        Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }
}
