package dev.plimsoll.cost;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Wiring against the real RabbitMQ (test-prefixed exchange and queue) and PostgreSQL (plimsoll_test):
 * decisions published like the scaler's reach the ledger table and the Cost API.
 */
@QuarkusTest
@WithTestResource(BigWorkloadResource.class)
class CostServiceTest {

  /** A fresh workload with {@code gpus-per-replica=2} (set by {@link BigWorkloadResource}). */
  private static final String BIG = BigWorkloadResource.BIG;

  @Inject
  DecisionPublisher publish;

  @Inject
  Pool pool;

  /** A workload no earlier run used, so leftovers of an aborted run (ledger rows, messages) cannot disturb the sums. */
  private static String freshWorkload() {
    return "simulated/cost-test-" + UUID.randomUUID().toString().substring(0, 8) + "/Fleet/chat";
  }

  private static ValidatableResponse costs(String workload, Instant asOf) {
    var request = given().queryParam("workload", workload);
    if (asOf != null) {
      request.queryParam("asOf", asOf.toString());
    }
    return request.when().get("/api/v1/costs").then();
  }

  private static void awaitLastEvent(String workload, Instant lastEvent) {
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> costs(workload, lastEvent).statusCode(200)
        .body("workloads[0].lastEvent", equalTo(lastEvent.toString())));
  }

  @Test
  void accruesReplicaSecondsFromDecisionsAndStoresTheRow() {
    String w = freshWorkload();
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    // 1 replica for 60 s, then 3 replicas for 120 s: 1*60 + 3*120 = 420 replica-seconds at the last event.
    publish.decision(w, t0, 1, 1);
    publish.decision(w, t0.plusSeconds(60), 1, 3);
    publish.decision(w, t0.plusSeconds(180), 3, 3);
    awaitLastEvent(w, t0.plusSeconds(180));

    costs(w, t0.plusSeconds(180)).statusCode(200)
        .body("currency", equalTo("USD"))
        .body("gpuHourPrice", equalTo(2.5f))
        .body("asOf", equalTo(t0.plusSeconds(180).toString()))
        .body("workloads.size()", equalTo(1))
        .body("workloads[0].workload", equalTo(w))
        .body("workloads[0].replicas", equalTo(3))
        .body("workloads[0].gpusPerReplica", equalTo(1))
        .body("workloads[0].replicaSeconds", equalTo(420.0f))
        .body("workloads[0].gpuHours", equalTo(0.1167f)) // 420 / 3600
        .body("workloads[0].cost", equalTo(0.29f)) // 0.11667 h * 2.50
        .body("workloads[0].since", equalTo(t0.toString()))
        .body("totalCost", equalTo(0.29f));

    // A minute later the open interval counts at 3 replicas: 420 + 3*60 = 600 replica-seconds.
    costs(w, t0.plusSeconds(240)).statusCode(200)
        .body("workloads[0].replicaSeconds", equalTo(600.0f))
        .body("workloads[0].cost", equalTo(0.42f));
    // Without asOf the report runs to now, an hour after t0.
    float now = costs(w, null).statusCode(200).extract().path("workloads[0].replicaSeconds");
    assertTrue(now > 600.0f, "replica-seconds up to now: " + now);

    RowSet<Row> rows = pool.preparedQuery(
        "SELECT since, last_event_at, replicas, replica_seconds, events_ignored, version FROM cost_ledger WHERE workload = $1")
        .execute(Tuple.of(w)).await().atMost(Duration.ofSeconds(5));
    assertEquals(1, rows.size());
    Row row = rows.iterator().next();
    assertEquals(t0, row.getOffsetDateTime("since").toInstant());
    assertEquals(t0.plusSeconds(180), row.getOffsetDateTime("last_event_at").toInstant());
    assertEquals(3, row.getInteger("replicas"));
    assertEquals(420.0, row.getDouble("replica_seconds"), 1e-9);
    assertEquals(0L, row.getLong("events_ignored"));
    assertEquals(2L, row.getLong("version"), "created, then updated twice");
  }

  @Test
  void outOfOrderDecisionIsIgnoredAndCounted() {
    String w = freshWorkload();
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    double ignoredBefore = counter("ignored");
    publish.decision(w, t0, 2, 2);
    publish.decision(w, t0.plusSeconds(100), 2, 2);
    publish.decision(w, t0.plusSeconds(50), 2, 9); // late: must not change the sum or the replicas
    publish.decision(w, t0.plusSeconds(110), 2, 1);
    awaitLastEvent(w, t0.plusSeconds(110));

    costs(w, t0.plusSeconds(110)).statusCode(200)
        .body("workloads[0].replicaSeconds", equalTo(220.0f)) // 2 replicas * 110 s
        .body("workloads[0].replicas", equalTo(1))
        .body("workloads[0].eventsIgnored", equalTo(1));
    assertTrue(counter("ignored") >= ignoredBefore + 1);
  }

  @Test
  void malformedMessagesAreSkippedWithoutBreakingLaterOnes() {
    String w = freshWorkload();
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    double malformedBefore = counter("malformed");
    publish.raw(w, "{this is not json");
    publish.raw(w, "{\"workload\":\"" + w + "\",\"decidedAt\":\"" + t0 + "\"}"); // no replicasAfter
    publish.decision(w, t0, 1, 1);
    publish.raw(w, "[]");
    publish.decision(w, t0.plusSeconds(30), 1, 1);
    awaitLastEvent(w, t0.plusSeconds(30));

    costs(w, t0.plusSeconds(30)).statusCode(200).body("workloads[0].replicaSeconds", equalTo(30.0f));
    assertTrue(counter("malformed") >= malformedBefore + 3, "malformed counted");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(gauge("plimsoll_cost_workloads") >= 1));
  }

  @Test
  void perWorkloadGpusPerReplicaOverride() {
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    publish.decision(BIG, t0, 0, 2);
    publish.decision(BIG, t0.plusSeconds(90), 2, 2);
    awaitLastEvent(BIG, t0.plusSeconds(90));

    // 2 replicas * 90 s = 180 replica-seconds; * 2 GPUs = 360 GPU-seconds = 0.1 GPU-hours; * 2.50 = 0.25
    costs(BIG, t0.plusSeconds(90)).statusCode(200)
        .body("workloads[0].gpusPerReplica", equalTo(2))
        .body("workloads[0].replicaSeconds", equalTo(180.0f))
        .body("workloads[0].gpuHours", equalTo(0.1f))
        .body("workloads[0].cost", equalTo(0.25f));
    given().when().get("/api/v1/costs").then().statusCode(200).body("workloads.workload", hasItem(BIG));
  }

  @Test
  void unknownWorkloadIs404Problem() {
    String w = freshWorkload();
    costs(w, null).statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("https://plimsoll.dev/problems/unknown-workload"))
        .body("status", equalTo(404))
        .body("detail", containsString(w));
  }

  @Test
  void badParametersAre400ValidationProblems() {
    costs("chat", null).statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("errors[0].field", equalTo("workload"));
    given().queryParam("asOf", "yesterday").when().get("/api/v1/costs").then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("asOf"));
    // far enough ahead to overflow a span in milliseconds, or before 1970: a 400, not a 500 or a negative cost
    for (String asOf : new String[] {"+1000000000-01-01T00:00:00Z", "+30000000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
      given().queryParam("asOf", asOf).when().get("/api/v1/costs").then().statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("asOf"))
          .body("errors[0].message", containsString("days from now"));
    }
    // a control character in the workload id: a 400 naming it (PostgreSQL refuses NUL bytes: it was a 500)
    given().queryParam("workload", "simulated/demo/Fleet/chat\u0000").when().get("/api/v1/costs").then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("workload"))
        .body("errors[0].message", containsString("control characters"));
  }

  @Test
  void unknownPathIs404Problem() {
    given().when().get("/api/v1/nothing-here").then().statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("https://plimsoll.dev/problems/not-found"))
        .body("status", equalTo(404))
        .body(not(containsString("Exception")));
  }

  @Test
  void readyWithDatabaseAndRabbitMq() {
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(containsString("PostgreSQL")))
        .body("checks.name", hasItem(containsString("Messaging")));
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/costs"));
    given().when().get("/q/metrics").then().statusCode(200)
        .body(containsString("plimsoll_cost_decisions_consumed_total{result=\"accrued\"}"))
        .body(containsString("plimsoll_cost_workloads"));
    float total = given().when().get("/api/v1/costs").then().statusCode(200).extract().path("totalCost");
    assertTrue(total >= 0, "totalCost " + total);
  }

  private static double counter(String result) {
    return gauge("plimsoll_cost_decisions_consumed_total\\{result=\"" + result + "\"\\}");
  }

  /** The value of one sample in /q/metrics (exemplars may follow it), or 0 when absent. */
  private static double gauge(String sampleRegex) {
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = Pattern.compile("^" + sampleRegex + " ([0-9.eE+-]+)", Pattern.MULTILINE).matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
