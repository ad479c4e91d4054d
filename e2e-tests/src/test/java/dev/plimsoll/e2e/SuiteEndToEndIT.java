package dev.plimsoll.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole suite, packaged, on the real PostgreSQL and RabbitMQ: the trace's load builds a queue at
 * the simulated fleet, the collector computes Plimsoll's work_load signal from the replicas' vLLM metrics, the
 * scaler's default LLM policy scales the fleet up on it, the decision is visible
 * through the gateway, and the cost report grows. Then one service is stopped and the gateway says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String NAMESPACE = "e2e" + RUN;
  private static final String WORKLOAD = "simulated/" + NAMESPACE + "/Fleet/chat";
  private static final String WORKLOAD_QUERY = URLEncoder.encode(WORKLOAD, StandardCharsets.UTF_8);
  private static Suite suite;

  @BeforeAll
  static void startSuite() throws Exception {
    suite = new Suite(RUN, Map.of(
        "SIMULATOR_NAMESPACE", NAMESPACE,
        "SIMULATOR_INITIAL_REPLICAS", "1"));
    suite.startAll();
    suite.awaitStarted(Duration.ofSeconds(120));
    await("every service ready behind the gateway").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> suite.get("/api/health").statusCode() == 200);
  }

  @AfterAll
  static void stopSuite() throws Exception {
    if (suite != null) {
      suite.close();
    }
  }

  /**
   * Plimsoll's default LLM policy as docs/contracts.md gives it for Llama 3.1 8B on an H100 (the simulator's profile):
   * {@code work_load} and {@code e2e_load} per replica at 0.8 and the KV cache at 0.9, panic mode, a forecast one cold
   * start ahead. The simulator runs 10 simulated seconds per wall second, so the token rates the collector sees are 10×
   * and the cold start (60 s), the queue's drain time and the 60 s end-to-end target a tenth in wall time (one sequence
   * decodes 1,390 tokens per wall second alone, 8,340 within 6 s).
   */
  static final String QUEUED = "(sum(delta(vllm:num_requests_waiting{$workload}[$window])) / 30 + sum(vllm:num_requests_waiting{$workload}) / 6)";
  static final String WORK_LOAD_QUERY = "clamp_min(sum(rate(vllm:prompt_tokens_total{$workload}[$window])) / 220000"
      + " + sum(rate(vllm:generation_tokens_total{$workload}[$window])) / 146710"
      + " + (" + QUEUED + " * (sum(rate(vllm:request_prompt_tokens_sum{$workload}[5m])) / 220000"
      + " + sum(rate(vllm:request_generation_tokens_sum{$workload}[5m])) / 146710)"
      + " / (sum(rate(vllm:request_prompt_tokens_count{$workload}[5m])) > 0)"
      + " or " + QUEUED + " == 0), 0)";
  static final String PHI = "(clamp_max(histogram_quantile(0.95, sum by (le) (rate(vllm:request_generation_tokens_bucket{$workload}[5m])))"
      + " / 8340, 0.9) >= 0)";
  static final String E2E_LOAD_QUERY = "(" + WORK_LOAD_QUERY + " + sum(rate(vllm:prompt_tokens_total{$workload}[$window])) / 220000 * "
      + PHI + " / (1 - " + PHI + ")) or " + WORK_LOAD_QUERY;

  @Test
  @Order(1)
  void loadBuildsAQueueAndPlimsollsDefaultPolicyScalesTheFleetUpOnItsLoads() throws Exception {
    var signal = suite.putJson("/api/collector/v1/signals/work_load?workload=" + WORKLOAD_QUERY,
        JSON.writeValueAsString(Map.of("query", WORK_LOAD_QUERY, "description", "work done plus queued, in replicas")));
    assertEquals(200, signal.statusCode(), signal.body());
    var e2eSignal = suite.putJson("/api/collector/v1/signals/e2e_load?workload=" + WORKLOAD_QUERY,
        JSON.writeValueAsString(Map.of("query", E2E_LOAD_QUERY, "description", "work_load with prefill repriced for the end-to-end target")));
    assertEquals(200, e2eSignal.statusCode(), e2eSignal.body());
    var created = suite.postJson("/api/scaler/v1/policies", """
        {"workload":"%s","minReplicas":1,"maxReplicas":6,
         "metrics":[{"signal":"work_load","target":{"type":"AverageValue","averageValue":0.8}},
                    {"signal":"e2e_load","target":{"type":"AverageValue","averageValue":0.8}},
                    {"signal":"kv_cache_usage","target":{"type":"Value","value":0.9}}],
         "panic":{},"predictive":{"coldStartSeconds":6},
         "behavior":{"scaleDown":{"stabilizationWindowSeconds":300}}}""".formatted(WORKLOAD));
    assertEquals(201, created.statusCode(), created.body());

    AtomicReference<JsonNode> decision = new AtomicReference<>();
    await("a scale-up decision visible through the gateway").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          var response = suite.get("/api/scaler/v1/decisions?workload=" + WORKLOAD_QUERY);
          if (response.statusCode() != 200) {
            return false;
          }
          for (JsonNode d : JSON.readTree(response.body())) {
            if (d.path("desiredReplicas").asInt() > d.path("currentReplicas").asInt() && d.path("applied").asBoolean()) {
              decision.set(d);
              return true;
            }
          }
          return false;
        });
    JsonNode up = decision.get();
    assertTrue(java.util.Set.of("work_load", "e2e_load").contains(up.path("metric").asText()), up.toString());
    assertTrue(up.path("metricValue").asDouble() > 0.8, "the load was above one replica's target: " + up);

    var fleet = JSON.readTree(suite.get("/api/simulator/v1/fleets/chat").body());
    assertTrue(fleet.path("desiredReplicas").asInt() > 1, "the simulated fleet was scaled up: " + fleet);

    var snapshots = suite.get("/api/collector/v1/snapshots?workload=" + WORKLOAD_QUERY);
    assertEquals(200, snapshots.statusCode(), snapshots.body());
    JsonNode signals = JSON.readTree(snapshots.body()).path(0).path("signals");
    JsonNode work = signals.path("work_load").path("value");
    JsonNode e2e = signals.path("e2e_load").path("value");
    assertTrue(work.isNumber() && e2e.isNumber() && e2e.asDouble() >= work.asDouble(),
        "the collector computes both loads live, e2e_load at least work_load: " + signals);
  }

  @Test
  @Order(2)
  void theCostLedgerFollowsTheScaleUpAndGrows() throws Exception {
    int scaledTo = JSON.readTree(suite.get("/api/simulator/v1/fleets/chat").body()).path("desiredReplicas").asInt();
    AtomicReference<JsonNode> first = new AtomicReference<>();
    await("the cost ledger counts the scaled-up fleet").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          JsonNode row = costRow();
          first.set(row);
          return row != null && row.path("replicas").asInt() == scaledTo && row.path("replicaSeconds").asDouble() > 0;
        });
    String firstEvent = first.get().path("lastEvent").asText();
    double firstSeconds = first.get().path("replicaSeconds").asDouble();
    await("decisions keep arriving and cost keeps growing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          JsonNode row = costRow();
          return row != null && !row.path("lastEvent").asText().equals(firstEvent) && row.path("replicaSeconds").asDouble() > firstSeconds;
        });
    // The total is in whole cents: it shows once the fleet has run long enough to cost one.
    await("the total cost reaches a cent").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> JSON.readTree(suite.get("/api/cost/v1/costs?workload=" + WORKLOAD_QUERY).body()).path("totalCost").asDouble() > 0);
  }

  @Test
  @Order(3)
  void gpuInventoryIsReportedThroughTheGateway() throws Exception {
    JsonNode inventory = JSON.readTree(suite.get("/api/gpu/v1/inventory").body());
    assertTrue(inventory.path("gpus").asInt() > 0, inventory.toString());
    assertTrue(inventory.path("allocated").asInt() >= 1, inventory.toString());
  }

  @Test
  @Order(4)
  void unknownRoutesAreProblems() throws Exception {
    var response = suite.get("/api/nowhere/v1/x");
    assertEquals(404, response.statusCode());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  @Order(5)
  void aStoppedServiceIsNamedByTheGateway() throws Exception {
    suite.stop("gpu-service");
    var proxied = suite.get("/api/gpu/v1/inventory");
    assertEquals(502, proxied.statusCode(), proxied.body());
    assertEquals("application/problem+json", proxied.headers().firstValue("Content-Type").orElse(""));
    var health = suite.get("/api/health");
    assertEquals(503, health.statusCode());
    JsonNode body = JSON.readTree(health.body());
    assertEquals("DOWN", body.path("status").asText());
    assertEquals("gpu", body.path("down").get(0).asText(), body.toString());
  }

  /** The cost report's row for this run's workload, or null while there is none. */
  private static JsonNode costRow() throws Exception {
    var response = suite.get("/api/cost/v1/costs?workload=" + WORKLOAD_QUERY);
    if (response.statusCode() != 200) {
      return null;
    }
    JsonNode workloads = JSON.readTree(response.body()).path("workloads");
    return workloads.isArray() && !workloads.isEmpty() ? workloads.get(0) : null;
  }
}
