package dev.plimsoll.gpu.source;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.plimsoll.gpu.FakeSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The GPU service on Docker Swarm, against an Engine API stand-in answering {@code /version}, {@code /nodes} and {@code /tasks}. */
@QuarkusTest
@WithTestResource(FakeSimulator.class)
@WithTestResource(SwarmSourceTest.Engine.class)
@TestProfile(SwarmSourceTest.Profile.class)
class SwarmSourceTest {

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("gpu.swarm.enabled", "true");
    }
  }

  public static class Engine implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
      vertx = Vertx.vertx();
      try {
        int port = vertx.createHttpServer().requestHandler(r -> {
          String path = r.path().replaceFirst("^/v1\\.\\d+", "");
          String body = switch (path) {
            case "/version" -> "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\"}";
            case "/nodes" -> SwarmGpusTest.NODES;
            case "/tasks" -> SwarmGpusTest.TASKS;
            default -> null;
          };
          if (body == null) {
            r.response().setStatusCode(404).end("{\"message\":\"page not found\"}");
          } else {
            r.response().putHeader("Content-Type", "application/json").end(body);
          }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        return Map.of("gpu.swarm.host", "tcp://127.0.0.1:" + port);
      } catch (Exception e) {
        throw new IllegalStateException("the Engine stand-in did not start", e);
      }
    }

    @Override
    public void stop() {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
      }
    }
  }

  @Test
  void swarmNodesAndTasksAreTheInventory() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/inventory").then().statusCode(200)
        .body("source", equalTo("swarm"))
        .body("gpus", equalTo(12))
        .body("allocated", equalTo(2)));
    given().contentType("application/json").body("{\"count\": 2}").post("/api/v1/placements").then().statusCode(200)
        .body("source", equalTo("swarm"))
        .body("feasible.node", contains("gpu-1"))
        .body("infeasible[0].reason", equalTo("node is cordoned (unschedulable)"));
    given().get("/api/v1/allocations").then().statusCode(200).body("pods.name", contains("t1", "t2"));
  }
}
