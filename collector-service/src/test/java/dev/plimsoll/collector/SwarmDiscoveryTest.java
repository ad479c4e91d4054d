package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The collector's Swarm source wired to an Engine API (a stand-in speaking the Engine's JSON over TCP;
 * the docker-engine module's RealSwarmTest runs the same discovery against a real swarm): an opted-in
 * service's running task, published in host mode, is discovered with its workload and scraped.
 */
@QuarkusTest
@WithTestResource(SwarmDiscoveryTest.Engine.class)
class SwarmDiscoveryTest {

  public static class Engine implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
      vertx = Vertx.vertx();
      try {
        int exporter = vertx.createHttpServer().requestHandler(r -> r.response().end("rag_inflight 4\n")).listen(0, "127.0.0.1")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        int engine = vertx.createHttpServer().requestHandler(r -> {
          String path = r.path().replaceFirst("^/v1\\.\\d+", "");
          String body = switch (path) {
            case "/version" -> "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\"}";
            case "/services" -> """
                [{"ID":"svc1","Version":{"Index":10},"Spec":{"Name":"embedder","Labels":{"prometheus.io/scrape":"true",
                  "prometheus.io/port":"8080","com.docker.stack.namespace":"rag"},"Mode":{"Replicated":{"Replicas":1}},
                  "EndpointSpec":{"Ports":[{"Protocol":"tcp","TargetPort":8080,"PublishMode":"host"}]}}}]""";
            case "/tasks" -> """
                [{"ID":"task1","ServiceID":"svc1","Slot":1,"NodeID":"node1","DesiredState":"running",
                  "Status":{"State":"running","ContainerStatus":{"ContainerID":"c1"},
                  "PortStatus":{"Ports":[{"Protocol":"tcp","TargetPort":8080,"PublishedPort":%d,"PublishMode":"host"}]}},
                  "Spec":{"ContainerSpec":{"Image":"x"}}}]""".formatted(exporter);
            case "/nodes" -> """
                [{"ID":"node1","Status":{"State":"ready","Addr":"127.0.0.1"},"Description":{"Hostname":"gpu-1"},
                  "Spec":{"Role":"manager","Availability":"active"}}]""";
            default -> null;
          };
          if (body == null) {
            r.response().setStatusCode(404).end("{\"message\":\"page not found\"}");
          } else {
            r.response().putHeader("Content-Type", "application/json").end(body);
          }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        return Map.of("collector.simulator.enabled", "false", "collector.discovery.swarm.enabled", "true",
            "collector.discovery.swarm.host", "tcp://127.0.0.1:" + engine, "collector.discovery.refresh-interval", "1s");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void stop() {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @Test
  void runningTasksOfOptedInServicesAreScraped() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("query", "rag_inflight").get("/api/v1/query")
        .then().statusCode(200)
        .body("data.result[0].metric.workload", equalTo("swarm/rag/Service/embedder"))
        .body("data.result[0].metric.replica", equalTo("embedder.1"))
        .body("data.result[0].metric.node_hostname", equalTo("gpu-1"))
        .body("data.result[0].value[1]", equalTo("4")));
  }
}
