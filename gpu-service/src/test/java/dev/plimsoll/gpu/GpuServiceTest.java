package dev.plimsoll.gpu;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wiring against a real HTTP server serving the simulator's node API (2 nodes x 8 GPUs, 3 allocated). */
@QuarkusTest
@WithTestResource(FakeSimulator.class)
class GpuServiceTest {

  @BeforeEach
  void inventoryRead() {
    FakeSimulator.failing = false;
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  @Test
  void inventoryTotals() {
    given().when().get("/api/v1/inventory").then().statusCode(200)
        .header("Age", notNullValue())
        .header("Last-Modified", notNullValue())
        .body("source", equalTo("simulator"))
        .body("observedAt", notNullValue())
        .body("ageSeconds", greaterThanOrEqualTo(0.0f))
        .body("nodes", equalTo(2))
        .body("gpus", equalTo(16))
        .body("allocated", equalTo(3))
        .body("free", equalTo(13))
        .body("lastError", nullValue())
        .body("products.find { it.product == 'NVIDIA-H100-80GB-HBM3' }.allocated", equalTo(2))
        .body("products.find { it.product == 'NVIDIA-A100-SXM4-80GB' }.free", equalTo(7));
  }

  @Test
  void nodesWithTheirGpus() {
    given().when().get("/api/v1/nodes").then().statusCode(200)
        .header("Age", notNullValue())
        .body("size()", equalTo(2))
        .body("[0].name", equalTo("sim-node-0"))
        .body("[0].product", equalTo("NVIDIA-H100-80GB-HBM3"))
        .body("[0].memoryMiB", equalTo(81559))
        .body("[0].capacity", equalTo(8))
        .body("[0].allocated", equalTo(2))
        .body("[0].free", equalTo(6))
        .body("[0].gpus.size()", equalTo(8))
        .body("[0].gpus[1].uuid", equalTo("GPU-sim-node-0-1"))
        .body("[0].gpus[1].allocatedTo", equalTo("chat-1"))
        .body("[0].gpus[2].allocatedTo", nullValue())
        .body("[1].allocated", equalTo(1));
  }

  @Test
  void readyWithDataAndMetrics() {
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'gpu-inventory-source' }.data.url", startsWith("http://127.0.0.1:"))
        .body("checks.find { it.name == 'gpu-inventory-source' }.data.lastSuccess", not(equalTo("never")));
    given().when().get("/q/metrics").then().statusCode(200)
        .body(containsString("plimsoll_gpu_gpus{state=\"allocated\"} 3.0"))
        .body(containsString("plimsoll_gpu_gpus{state=\"free\"} 13.0"))
        .body(containsString("plimsoll_gpu_refreshes_total{result=\"success\"}"));
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/inventory"));
  }

  @Test
  void failedRefreshMakesItUnreadyButKeepsServingTheLastInventory() {
    FakeSimulator.failing = true;
    try {
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
          .body("checks.find { it.name == 'gpu-inventory-source' }.status", equalTo("DOWN"))
          .body("checks.find { it.name == 'gpu-inventory-source' }.data.error", containsString("HTTP 500")));
      given().when().get("/api/v1/inventory").then().statusCode(200)
          .body("gpus", equalTo(16))
          .body("lastError", containsString("HTTP 500"));
      // the cached read ages while the source stays broken, and says so
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/inventory").then().statusCode(200)
          .body("ageSeconds", greaterThanOrEqualTo(2.0f)));
      given().when().get("/q/metrics").then().body(containsString("plimsoll_gpu_refreshes_total{result=\"failure\"}"));
    } finally {
      FakeSimulator.failing = false;
    }
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  @Test
  void unknownPathIs404Problem() {
    given().when().get("/api/v1/nothing-here").then().statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("https://plimsoll.dev/problems/not-found"))
        .body("status", equalTo(404))
        .body("checks", nullValue());
  }

  @Test
  void placementsAndHeadroomOnTheSimulatedNodes() {
    // 6 free H100s and 7 free A100s: two whole GPUs with 81,000 MiB fit 3 times on sim-node-1, 3 on sim-node-0.
    given().contentType("application/json").body("{\"count\": 2, \"kind\": \"full\", \"minMemoryMiB\": 81000}")
        .post("/api/v1/placements").then().statusCode(200)
        .body("source", equalTo("simulator"))
        .body("replicasThatFit", equalTo(6))
        .body("feasible.node", org.hamcrest.Matchers.contains("sim-node-0", "sim-node-1"))
        .body("feasible[0].resource", equalTo("nvidia.com/gpu"));
    given().contentType("application/json").body("{\"products\": [\"NVIDIA-A100-SXM4-80GB\"], \"strategy\": \"spread\"}")
        .post("/api/v1/placements").then().statusCode(200)
        .body("feasible.node", org.hamcrest.Matchers.contains("sim-node-1"))
        .body("infeasible[0].reason", startsWith("product NVIDIA-H100-80GB-HBM3 is not one of NVIDIA-A100-SXM4-80GB"));
    given().contentType("application/json").body("{\"count\": 0, \"kind\": \"mig\", \"migProfile\": \"1g.5gb+me\", \"strategy\": \"tight\"}")
        .post("/api/v1/placements").then().statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("errors.field", org.hamcrest.Matchers.contains("count", "migProfile", "strategy"))
        .body("errors[1].message", equalTo("unknown MIG profile \"1g.5gb+me\": expected <g>g.<memory>gb; this cluster has no MIG slices"));
    // The scheduler extender without Kubernetes to look names up in: an Error for a GPU pod (an ignorable extender is
    // then skipped) rather than every node unknown and the pod unschedulable; a pod without GPUs still passes.
    given().contentType("application/json").body("""
        {"Pod": {"metadata": {"name": "x"}, "spec": {"containers": [{"name": "c", "image": "i",
          "resources": {"limits": {"nvidia.com/gpu": "1"}}}]}}, "NodeNames": ["a", "b"]}""")
        .post("/api/v1/extender/filter").then().statusCode(200)
        .body("Error", startsWith("the Plimsoll GPU service does not watch Kubernetes"))
        .body("NodeNames", nullValue());
    given().contentType("application/json").body("""
        {"Pod": {"metadata": {"name": "web"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}, "NodeNames": ["a", "b"]}""")
        .post("/api/v1/extender/filter").then().statusCode(200)
        .body("NodeNames", org.hamcrest.Matchers.contains("a", "b"))
        .body("Error", equalTo(""));
    // a null product in the list: a 400 naming the field (it was a NullPointerException, a 500)
    given().contentType("application/json").body("{\"products\": [null]}").post("/api/v1/placements").then().statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("errors.field", org.hamcrest.Matchers.contains("products"));
    // The chat fleet needs 2 GPUs a replica: 3 more fit on each node.
    given().queryParam("workload", "simulated/demo/Fleet/chat").get("/api/v1/headroom").then().statusCode(200)
        .body("resource", equalTo("nvidia.com/gpu"))
        .body("count", equalTo(2))
        .body("replicasThatFit", equalTo(6));
    given().queryParam("workload", "simulated/demo/Fleet/nobody").get("/api/v1/headroom").then().statusCode(404)
        .body("type", equalTo("https://plimsoll.dev/problems/unknown-workload"));
    given().queryParam("workload", "swarm/stack/Service/api").get("/api/v1/headroom").then().statusCode(200)
        .body("replicasThatFit", nullValue())
        .body("reason", startsWith("no GPU inventory for platform swarm"));
    given().queryParam("workload", "not-an-id").get("/api/v1/headroom").then().statusCode(400)
        .body("errors[0].field", equalTo("workload"));
  }
}
