package dev.plimsoll.gpu;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.plimsoll.gpu.live.LiveGpus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DCGM live state through the collector's query API (played by the fake): the GPUs and their health, the memory
 * pressure report, placement gated by an XID, and the edge events on the real RabbitMQ.
 */
@QuarkusTest
@WithTestResource(FakeSimulator.class)
class LiveStateTest {

  @Inject
  LiveGpus live;

  private static JsonObject series(String metric, String host, String uuid, String gpu, double value, String pod) {
    JsonObject labels = new JsonObject().put("__name__", metric).put("Hostname", host).put("UUID", uuid).put("gpu", gpu)
        .put("modelName", "NVIDIA H100 80GB HBM3");
    if (pod != null) {
      labels.put("pod", pod).put("namespace", "llm").put("container", "vllm");
    }
    return new JsonObject().put("metric", labels).put("value", new JsonArray().add(1_800_000_000).add(String.valueOf(value)));
  }

  @AfterEach
  void clear() {
    FakeSimulator.dcgmSeries = new JsonArray();
  }

  @Test
  void dcgmStateGatesPlacementAndRaisesEvents() {
    FakeSimulator.dcgmSeries = new JsonArray()
        .add(series("DCGM_FI_DEV_FB_USED", "sim-node-0", "GPU-sim-node-0-0", "0", 78_000, "chat-0"))
        .add(series("DCGM_FI_DEV_FB_FREE", "sim-node-0", "GPU-sim-node-0-0", "0", 2_000, "chat-0"))
        .add(series("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "sim-node-0", "GPU-sim-node-0-0", "0", 0.7, "chat-0"))
        .add(series("DCGM_FI_DEV_XID_ERRORS", "sim-node-0", "GPU-sim-node-0-5", "5", 79, null));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/gpus").then().statusCode(200)
        .body("gpus", hasSize(2)));
    given().get("/api/v1/gpus").then().statusCode(200)
        .body("gpus[0].live.pod", equalTo("chat-0"))
        .body("gpus[0].memoryUsed", equalTo(0.975f))
        .body("gpus[1].unhealthy", equalTo("XID 79 on GPU-sim-node-0-5"));
    given().get("/api/v1/reports/memory-pressure").then().statusCode(200)
        .body("gpus.uuid", contains("GPU-sim-node-0-0"));
    // sim-node-0 has 6 free GPUs, one of them sick: 6 do not fit there any more, only on the A100 node (7 free).
    given().contentType("application/json").body("{\"count\": 6}").post("/api/v1/placements").then().statusCode(200)
        .body("feasible.node", contains("sim-node-1"))
        .body("infeasible[0].reason", equalTo("6 of 8 nvidia.com/gpu free, 1 unhealthy (XID 79 on GPU-sim-node-0-5), 6 needed"));
    // The scheduler extender gates on the same health: with whole nodes in the request, sim-node-0's 8 GPUs hold one
    // with an XID, so a pod wanting all 8 fails there (it passed before the extender took DCGM health into account).
    given().contentType("application/json").body("""
        {"Pod": {"metadata": {"name": "big", "namespace": "llm"}, "spec": {"containers": [{"name": "vllm", "image": "vllm",
          "resources": {"limits": {"nvidia.com/gpu": "8"}}}]}},
         "Nodes": {"items": [
          {"metadata": {"name": "sim-node-0"}, "status": {"allocatable": {"nvidia.com/gpu": "8"}, "conditions": [{"type": "Ready", "status": "True"}]}},
          {"metadata": {"name": "healthy"}, "status": {"allocatable": {"nvidia.com/gpu": "8"}, "conditions": [{"type": "Ready", "status": "True"}]}}]}}
        """).post("/api/v1/extender/filter").then().statusCode(200)
        .body("Nodes.items.metadata.name", contains("healthy"))
        .body("FailedNodes.sim-node-0", equalTo("8 of 8 nvidia.com/gpu free, 1 unhealthy (XID 79 on GPU-sim-node-0-5), 8 needed"));
    await().atMost(Duration.ofSeconds(20)).until(() -> TestGpuEvents.RECEIVED.stream().anyMatch(e -> e.contains("\"type\":\"xid\""))
        && TestGpuEvents.RECEIVED.stream().anyMatch(e -> e.contains("\"type\":\"memory-pressure\"")));
    String pressure = TestGpuEvents.RECEIVED.stream().filter(e -> e.contains("\"type\":\"memory-pressure\"")).findFirst().orElseThrow();
    org.junit.jupiter.api.Assertions.assertTrue(pressure.contains("\"pod\":\"chat-0\"") && pressure.contains("\"schema\":1"), pressure);
    given().get("/api/v1/reports/idle").then().statusCode(200).body("idle", hasSize(0)).body("windowMinutes", equalTo(10));
    given().get("/api/v1/reports/fragmentation").then().statusCode(200).body("strandedUnits", equalTo(0));
  }

  @Test
  void anUnreachableCollectorIsReportedNotFatal() {
    FakeSimulator.failing = true;
    try {
      live.refresh().await().atMost(Duration.ofSeconds(10));
      given().get("/api/v1/gpus").then().statusCode(200).body("lastError", startsWith("HTTP 500"));
    } finally {
      FakeSimulator.failing = false;
    }
  }
}
