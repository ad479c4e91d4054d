package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.plimsoll.events.Problem;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Static targets from a file_sd file (with a per-target interval) and from REST (stored in the real
 * PostgreSQL), scraped like any other; the simulator source is switched off here.
 */
@QuarkusTest
@WithTestResource(StaticTargetsTest.Exporter.class)
class StaticTargetsTest {

  /** A plain exporter on a free port, and a file_sd file pointing at it. */
  public static class Exporter implements QuarkusTestResourceLifecycleManager {
    static int port;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
      vertx = Vertx.vertx();
      try {
        HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response().putHeader("Content-Type", "text/plain")
            .end("# TYPE rag_queue gauge\nrag_queue{path=\"" + r.path() + "\"} 5\n")).listen(0, "127.0.0.1")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
        Path file = Files.createTempFile("plimsoll-static", ".json");
        Files.writeString(file, """
            [{"targets": ["127.0.0.1:%d"],
              "labels": {"workload": "swarm/default/Service/rag", "__metrics_path__": "/from-file", "__scrape_interval__": "500ms", "team": "search"}}]
            """.formatted(port));
        return Map.of("collector.simulator.enabled", "false", "collector.discovery.static.file", file.toString(),
            "collector.discovery.refresh-interval", "500ms");
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
  void fileTargetsAreScrapedWithTheirLabelsAndInterval() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("query", "rag_queue{path=\"/from-file\"}")
        .get("/api/v1/query").then().statusCode(200)
        .body("data.result[0].metric.team", equalTo("search"))
        .body("data.result[0].metric.workload", equalTo("swarm/default/Service/rag"))
        .body("data.result[0].value[1]", equalTo("5")));
    // Scraped every 500 ms, so the 1 s default would not give 3 samples in 1.2 s.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("query", "count_over_time(up{team=\"search\"}[1200ms])")
        .get("/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", org.hamcrest.Matchers.oneOf("3", "4")));
  }

  @Test
  void restTargetsArePersistedScrapedAndRemoved() {
    String url = "http://127.0.0.1:" + Exporter.port + "/from-rest";
    given().get("/api/v1/static-targets").then().statusCode(200);
    int id = given().contentType(ContentType.JSON).body("""
        {"url": "%s", "workload": "kubernetes/rag/Deployment/embedder", "labels": {"tier": "gold"}, "interval": "1s"}""".formatted(url))
        .post("/api/v1/static-targets").then().statusCode(201).header("Location", containsString("/api/v1/static-targets/"))
        .body("replica", equalTo("127.0.0.1:" + Exporter.port)).extract().path("id");
    try {
      given().contentType(ContentType.JSON).body("{\"url\": \"%s\", \"workload\": \"kubernetes/rag/Deployment/embedder\"}".formatted(url))
          .post("/api/v1/static-targets").then().statusCode(409).contentType(startsWith(Problem.MEDIA_TYPE));
      given().get("/api/v1/static-targets").then().statusCode(200).body("url", hasItem(url));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/targets").then().statusCode(200)
          .body("find { it.url == '%s' }.up".formatted(url), equalTo(true)));
      given().queryParam("query", "rag_queue{tier=\"gold\"}").get("/api/v1/query").then().statusCode(200)
          .body("data.result[0].metric.workload", equalTo("kubernetes/rag/Deployment/embedder"));
    } finally {
      given().delete("/api/v1/static-targets/" + id).then().statusCode(204);
    }
    given().delete("/api/v1/static-targets/" + id).then().statusCode(404).contentType(startsWith(Problem.MEDIA_TYPE));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/targets").then().statusCode(200)
        .body("url", not(hasItem(url))));
  }

  @Test
  void invalidTargetsAreRefusedWithEveryProblemNamed() {
    given().contentType(ContentType.JSON).body("{\"url\": \"ftp://x\", \"workload\": \"not-an-id\", \"interval\": \"soon\"}")
        .post("/api/v1/static-targets").then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
        .body("errors.field", org.hamcrest.Matchers.contains("url", "workload", "interval"))
        .body("errors[1].message", containsString("workload id 'not-an-id'"))
        .body("errors[2].message", containsString("not a duration"));
    // a label without a value: a 400 naming it (it was a NullPointerException, a 500)
    given().contentType(ContentType.JSON).body("""
        {"url": "http://127.0.0.1:9/metrics", "workload": "simulated/demo/Fleet/chat", "labels": {"zone": null}}""")
        .post("/api/v1/static-targets").then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
        .body("errors.field", org.hamcrest.Matchers.contains("labels.zone"));
  }
}
