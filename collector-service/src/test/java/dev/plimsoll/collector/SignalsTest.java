package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.plimsoll.events.Problem;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signals beyond the defaults: added by configuration and over REST (kept in PostgreSQL), evaluated into
 * the workload's snapshot; and signals answered by an external Prometheus (a stand-in that checks the
 * bearer token), where an empty answer, NaN or a timeout give no value, never zero.
 */
@QuarkusTest
@WithTestResource(SignalsTest.Sources.class)
class SignalsTest {
  static final String WORKLOAD = "kubernetes/rag/Deployment/retriever";
  static final Map<String, String> AUTH = new ConcurrentHashMap<>();

  public static class Sources implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
      vertx = Vertx.vertx();
      try {
        int exporter = vertx.createHttpServer().requestHandler(r -> r.response().end("retriever_queue{shard=\"a\"} 2\nretriever_queue{shard=\"b\"} 3\n"))
            .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        int prometheus = vertx.createHttpServer().requestHandler(r -> {
          String q = r.getParam("query");
          AUTH.put(q, String.valueOf(r.getHeader("Authorization")));
          if (!"Bearer s3cret".equals(r.getHeader("Authorization"))) {
            r.response().setStatusCode(401).end("{\"status\":\"error\",\"errorType\":\"unauthorized\",\"error\":\"no\"}");
          } else if (q.startsWith("hang")) {
            return; // never answers
          } else if (q.startsWith("empty")) {
            r.response().end("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
          } else {
            r.response().end("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"42\"]}]}}");
          }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        Path file = Files.createTempFile("plimsoll-signals", ".json");
        Files.writeString(file, "[{\"targets\": [\"127.0.0.1:%d\"], \"labels\": {\"workload\": \"%s\"}}]".formatted(exporter, WORKLOAD));
        return Map.ofEntries(
            Map.entry("collector.simulator.enabled", "false"),
            Map.entry("collector.discovery.static.file", file.toString()),
            Map.entry("collector.discovery.refresh-interval", "1s"),
            Map.entry("collector.signals.retriever_queue.query", "sum(retriever_queue{$workload})"),
            Map.entry("collector.prometheus.central.url", "http://127.0.0.1:" + prometheus),
            Map.entry("collector.prometheus.central.bearer-token", "s3cret"),
            Map.entry("collector.prometheus.central.timeout", "300ms"),
            Map.entry("collector.signals.central_answer.query", "answer{$workload}"),
            Map.entry("collector.signals.central_answer.prometheus", "central"),
            Map.entry("collector.signals.central_empty.query", "empty{$workload}"),
            Map.entry("collector.signals.central_empty.prometheus", "central"),
            Map.entry("collector.signals.central_hang.query", "hang{$workload}"),
            Map.entry("collector.signals.central_hang.prometheus", "central"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void stop() {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @Inject
  Pool pool;

  @Test
  void configuredAndExternalSignalsReachTheSnapshot() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("workload", WORKLOAD).get("/api/v1/snapshots")
        .then().statusCode(200)
        .body("[0].signals.retriever_queue.value", equalTo(5.0f))
        .body("[0].signals.central_answer.value", equalTo(42.0f))
        .body("[0].signals.central_empty.value", nullValue())
        .body("[0].signals.central_hang.value", nullValue())
        .body("[0].signals.queue_depth.value", nullValue()));
    assertBearer("answer{workload=\"" + WORKLOAD + "\"}");
    given().queryParam("workload", WORKLOAD).get("/api/v1/signals/central_hang/value").then().statusCode(200)
        .body("value", nullValue()).body("problem", containsString("no answer within 300 ms"));
    given().queryParam("workload", WORKLOAD).get("/api/v1/signals/central_empty/value").then().statusCode(200)
        .body("problem", equalTo("no data"));
  }

  @Test
  void signalsAddedOverRestAreValidatedStoredAndEvaluated() {
    given().contentType(ContentType.JSON).body("{\"query\": \"max(retriever_queue{$workload})\", \"workload\": \"" + WORKLOAD + "\"}")
        .put("/api/v1/signals/retriever_queue_max").then().statusCode(200).body("scope", equalTo("workload"));
    try {
      Long rows = pool.preparedQuery("SELECT count(*) FROM collector_signal WHERE name = $1").execute(Tuple.of("retriever_queue_max"))
          .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
      org.junit.jupiter.api.Assertions.assertEquals(1L, rows);
      given().get("/api/v1/signals").then().statusCode(200).body("name", hasItem("retriever_queue_max"));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("workload", WORKLOAD).get("/api/v1/snapshots")
          .then().statusCode(200).body("[0].signals.retriever_queue_max.value", equalTo(3.0f)));
      given().queryParam("workload", WORKLOAD).get("/api/v1/signals/retriever_queue_max/value").then().statusCode(200)
          .body("result.result[0].value[1]", equalTo("3"));
      given().get("/api/v1/signals/gpu_utilization/value").then().statusCode(200).body("result.resultType", equalTo("vector"));
    } finally {
      given().queryParam("workload", WORKLOAD).delete("/api/v1/signals/retriever_queue_max").then().statusCode(204);
    }
    given().get("/api/v1/signals").then().statusCode(200).body("name", not(hasItem("retriever_queue_max")));
  }

  @Test
  void aSignalPutWithWorkloadInTheQueryIsThatWorkloadsOnly() {
    // as docs/contracts.md and the end-to-end test send it: ?workload= names the workload (it was ignored, so the
    // signal was defined for every workload)
    given().queryParam("workload", WORKLOAD).contentType(ContentType.JSON).body("{\"query\": \"max(retriever_queue{$workload})\"}")
        .put("/api/v1/signals/scoped_by_query").then().statusCode(200).body("workload", equalTo(WORKLOAD));
    try {
      given().get("/api/v1/signals").then().statusCode(200)
          .body("find { it.name == 'scoped_by_query' }.workload", equalTo(WORKLOAD));
      given().queryParam("workload", WORKLOAD).contentType(ContentType.JSON)
          .body("{\"query\": \"max(retriever_queue{$workload})\", \"workload\": \"simulated/demo/Fleet/other\"}")
          .put("/api/v1/signals/scoped_by_query").then().statusCode(400).body("errors[0].field", equalTo("workload"));
    } finally {
      given().queryParam("workload", WORKLOAD).delete("/api/v1/signals/scoped_by_query").then().statusCode(204);
    }
  }

  @Test
  void invalidSignalsAreRefused() {
    given().contentType(ContentType.JSON).body("{\"query\": \"sum(rate(x[\", \"scope\": \"galaxy\"}").put("/api/v1/signals/bad")
        .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE)).body("errors.field", hasItem("scope"));
    given().contentType(ContentType.JSON).body("{\"query\": \"sum(rate(x[\"}").put("/api/v1/signals/bad")
        .then().statusCode(400).body("errors[0].field", equalTo("query")).body("errors[0].message", containsString("parse error"));
    given().contentType(ContentType.JSON).body("{\"query\": \"rate(x[1h])\"}").put("/api/v1/signals/too_long")
        .then().statusCode(400).body("errors[0].message", containsString("raise collector.retention"));
    given().contentType(ContentType.JSON).body("{\"query\": \"x offset 5m\"}").put("/api/v1/signals/offset")
        .then().statusCode(400).body("errors[0].field", equalTo("query"));
    given().contentType(ContentType.JSON).body("{\"query\": \"x\"}").put("/api/v1/signals/Bad-Name")
        .then().statusCode(400).body("errors[0].field", equalTo("name"));
    given().delete("/api/v1/signals/never_there").then().statusCode(404).contentType(startsWith(Problem.MEDIA_TYPE));
  }

  private static void assertBearer(String query) {
    org.junit.jupiter.api.Assertions.assertEquals("Bearer s3cret", AUTH.get(query), "Authorization sent with " + query);
  }
}
