package dev.plimsoll.simulator.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wiring test of the running simulator (%test profile: 1 node x 4 GPUs, max 6 replicas, 20 simulated s of model
 * load = 2 wall s at speedup 10). Every test starts from the warm initial fleet of one READY replica.
 */
@QuarkusTest
class SimulatorApiTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String WORKLOAD = "simulated/demo/Fleet/chat";

  @BeforeEach
  void backToOneReplica() {
    scale(1).then().statusCode(200);
  }

  private static io.restassured.response.Response scale(int replicas) {
    return given().contentType(ContentType.JSON).body(Map.of("replicas", replicas)).put("/api/v1/fleets/chat/scale");
  }

  private static JsonPath fleet() {
    return given().get("/api/v1/fleets/chat").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void listsTheFleet() {
    given().get("/api/v1/fleets").then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("$", hasSize(1))
        .body("[0].name", equalTo("chat"))
        .body("[0].namespace", equalTo("demo"))
        .body("[0].workload", equalTo(WORKLOAD))
        .body("[0].desiredReplicas", equalTo(1))
        .body("[0].readyReplicas", equalTo(1))
        .body("[0].gpusPerReplica", equalTo(1))
        .body("[0].modelProfile", equalTo("llama-3.1-8b-h100"))
        .body("[0].pendingRequests", equalTo(0))
        .body("[0].requestsRejected", greaterThanOrEqualTo(0))
        .body("[0].replicas[0].id", equalTo("chat-0"))
        .body("[0].replicas[0].state", equalTo("READY"))
        .body("[0].replicas[0].node", equalTo("sim-node-0"))
        .body("[0].replicas[0].gpus", hasSize(1))
        .body("[0].replicas[0].gpus[0]", startsWith("GPU-"))
        .body("[0].replicas[0].metricsUrl", startsWith("http://"))
        .body("[0].replicas[0].metricsUrl", containsString("/fleets/chat/replicas/chat-0/metrics"))
        .body("[0].replicas[0].createdAt", not(nullValue()))
        .body("[0].replicas[0].readyAt", not(nullValue()));
  }

  @Test
  void scaleUpLoadsThenServes() {
    scale(3).then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("workload", equalTo(WORKLOAD))
        .body("replicas", equalTo(3))
        .body("readyReplicas", equalTo(1));
    JsonPath loading = fleet();
    List<String> states = loading.getList("replicas.state");
    assertEquals(List.of("READY", "LOADING", "LOADING"), states);
    String newId = loading.getString("replicas[2].id");
    assertTrue(loading.getString("replicas[2].readyAt") == null);

    given().get("/fleets/chat/replicas/" + newId + "/metrics").then()
        .statusCode(503)
        .contentType(PROBLEM)
        .body("status", equalTo(503))
        .body("detail", containsString("is loading its model"));

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        given().get("/api/v1/fleets/chat/scale").then().statusCode(200)
            .body("replicas", equalTo(3)).body("readyReplicas", equalTo(3)));
    assertEquals(List.of("READY", "READY", "READY"), fleet().getList("replicas.state"));
    given().get("/fleets/chat/replicas/" + newId + "/metrics").then().statusCode(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                       | body                 | field
      negative replicas            | {"replicas": -1}     | replicas
      above simulator.max-replicas | {"replicas": 7}      | replicas
      replicas missing             | {}                   | replicas
      replicas null                | {"replicas": null}   | replicas
      """)
  void scaleRejectsInvalidCounts(String name, String body, String field) {
    given().contentType(ContentType.JSON).body(body).put("/api/v1/fleets/chat/scale").then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400))
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("errors.field", contains(field));
    given().get("/api/v1/fleets/chat/scale").then().body("replicas", equalTo(1));
  }

  @Test
  void scaleRejectsAWronglyTypedField() {
    given().contentType(ContentType.JSON).body("{\"replicas\": \"three\"}").put("/api/v1/fleets/chat/scale").then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", contains("replicas"))
        .body("errors[0].message", equalTo("has the wrong type"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case              | body
      not JSON            | {"replicas":
      not an object       | [1, 2]
      empty body          | ''
      """)
  void scaleRejectsUnreadableBodies(String name, String body) {
    given().contentType(ContentType.JSON).body(body).put("/api/v1/fleets/chat/scale").then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400))
        .body("detail", not(containsString("Exception")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # method | path                                          | type
      GET      | /api/v1/fleets/nope                           | unknown-fleet
      GET      | /api/v1/fleets/nope/scale                     | unknown-fleet
      PUT      | /api/v1/fleets/nope/scale                     | unknown-fleet
      GET      | /fleets/nope/replicas/chat-0/metrics          | unknown-fleet
      GET      | /fleets/chat/replicas/chat-99/metrics         | unknown-replica
      GET      | /no/such/path                                 | not-found
      """)
  void unknownThingsAre404Problems(String method, String path, String type) {
    var request = given().contentType(ContentType.JSON).body(Map.of("replicas", 1));
    var response = "PUT".equals(method) ? request.put(path) : request.get(path);
    response.then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("status", equalTo(404))
        .body("type", equalTo("https://plimsoll.dev/problems/" + type))
        .body("instance", equalTo(path));
  }

  @Test
  void nodesAccountForEveryScheduledReplica() {
    scale(5).then().statusCode(200); // 4 GPUs in the %test cluster: one replica stays PENDING
    JsonPath f = fleet();
    assertEquals(List.of("READY", "LOADING", "LOADING", "LOADING", "PENDING"), f.getList("replicas.state"));
    JsonPath nodes = given().get("/api/v1/nodes").then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("$", hasSize(1))
        .body("[0].name", equalTo("sim-node-0"))
        .body("[0].gpuProduct", equalTo("NVIDIA-H100-80GB-HBM3"))
        .body("[0].gpuMemoryMiB", equalTo(81559))
        .body("[0].gpuCapacity", equalTo(4))
        .body("[0].gpus.uuid", everyItem(startsWith("GPU-")))
        .extract().jsonPath();
    int scheduled = (int) f.getList("replicas.state").stream().filter(s -> !"PENDING".equals(s)).count();
    assertEquals(scheduled * f.getInt("gpusPerReplica"), nodes.getInt("[0].gpuAllocated"));
    for (int i = 0; i < 5; i++) {
      String id = f.getString("replicas[" + i + "].id");
      List<String> gpus = f.getList("replicas[" + i + "].gpus");
      for (String uuid : gpus) {
        assertEquals(id, nodes.getString("[0].gpus.find { it.uuid == '" + uuid + "' }.allocatedTo"));
      }
    }
    assertEquals(List.of(), f.getList("replicas[4].gpus"));
    assertTrue(f.getString("replicas[4].node") == null);
    given().get("/fleets/chat/replicas/" + f.getString("replicas[4].id") + "/metrics").then()
        .statusCode(503).contentType(PROBLEM).body("detail", containsString("waiting for free GPUs"));

    scale(1).then().statusCode(200);
    given().get("/api/v1/nodes").then().body("[0].gpuAllocated", equalTo(1));
  }

  @Test
  void replicaMetricsUseVllmNamesAndGrowWhileTheTracePlays() {
    String url = "/fleets/chat/replicas/chat-0/metrics";
    String first = given().get(url).then()
        .statusCode(200)
        .header("Content-Type", equalTo("text/plain; version=0.0.4; charset=utf-8"))
        .extract().asString();
    for (String family : List.of("vllm:num_requests_running gauge", "vllm:num_requests_waiting gauge",
        "vllm:kv_cache_usage_perc gauge", "vllm:prompt_tokens_total counter", "vllm:generation_tokens_total counter",
        "vllm:request_success_total counter", "vllm:time_to_first_token_seconds histogram",
        "vllm:e2e_request_latency_seconds histogram", "vllm:inter_token_latency_seconds histogram")) {
      assertTrue(first.contains("# TYPE " + family + "\n"), family);
    }
    assertTrue(first.contains("vllm:request_success_total{engine=\"0\",finished_reason=\"stop\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} "));
    assertTrue(first.contains("vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"+Inf\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"} "));
    double tokens = counter(first, "vllm:generation_tokens_total");
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
      String later = given().get(url).then().statusCode(200).extract().asString();
      assertTrue(counter(later, "vllm:generation_tokens_total") > tokens, "generation tokens grow");
      assertTrue(counter(later, "vllm:time_to_first_token_seconds_count") > 0, "requests got first tokens");
    });
  }

  @Test
  void clockRunsAndCountsReleasedRequests() {
    JsonPath before = given().get("/api/v1/clock").then()
        .statusCode(200)
        .body("speedup", equalTo(10.0f))
        .body("traceRequests", equalTo(19366))
        .extract().jsonPath();
    long released = before.getLong("traceRequestsReleased");
    String time = before.getString("simulatedTime");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/clock").then()
        .body("traceRequestsReleased", greaterThan((int) released))
        .body("simulatedTime", not(equalTo(time))));
  }

  @Test
  void healthOpenApiAndOwnMetrics() {
    given().get("/q/health/ready").then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("simulator-trace"))
        .body("checks.find { it.name == 'simulator-trace' }.data.requests", equalTo(19366))
        .body("checks.find { it.name == 'simulator-trace' }.data.trace", containsString("AzureLLMInferenceTrace_conv.csv"));
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/fleets/{name}/scale"));
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("plimsoll_simulator_requests_released_total"), "released counter");
    assertTrue(metrics.contains("plimsoll_simulator_requests_rejected_total"), "rejected counter");
    assertTrue(metrics.contains("plimsoll_simulator_replicas{state=\"ready\"}"), "replica gauges");
    assertTrue(metrics.contains("plimsoll_simulator_scale_requests_total{result=\"ok\"}"), "scale counter");
  }

  private static double counter(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(text);
    assertTrue(m.find(), name + " present");
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aBurstQueuesRequestsAtOnceAndShowsInTheMetrics() {
    given().contentType(ContentType.JSON).body(Map.of("requests", 300, "promptTokens", 2000, "outputTokens", 500))
        .post("/api/v1/fleets/chat/burst").then().statusCode(200)
        .body("submitted", org.hamcrest.Matchers.greaterThan(0))
        .body("rejected", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    String url = fleet().getString("replicas[0].metricsUrl");
    String text = given().get(url).then().statusCode(200).extract().asString();
    double waiting = text.lines().filter(l -> l.startsWith("vllm:num_requests_waiting{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
    org.junit.jupiter.api.Assertions.assertTrue(waiting > 10, "a burst of 300 leaves a queue, got " + waiting);
    given().contentType(ContentType.JSON).body(Map.of("requests", 0)).post("/api/v1/fleets/chat/burst").then().statusCode(400)
        .contentType(PROBLEM);
    given().contentType(ContentType.JSON).body(Map.of("requests", 5)).post("/api/v1/fleets/nope/burst").then().statusCode(404)
        .contentType(PROBLEM);
  }
}
