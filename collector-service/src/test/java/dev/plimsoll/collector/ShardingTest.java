package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.collector.shard.Shard;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Collector replica 1 of 2 scrapes, and reports snapshots for, exactly the workloads its shard owns. */
@QuarkusTest
@WithTestResource(ShardingTest.Targets.class)
class ShardingTest {
  static final List<String> WORKLOADS = IntStream.range(0, 12).mapToObj(i -> "kubernetes/team" + i + "/Deployment/app").toList();

  public static class Targets implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
      vertx = Vertx.vertx();
      try {
        int port = vertx.createHttpServer().requestHandler(r -> r.response().end("x 1\n")).listen(0, "127.0.0.1")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        String groups = WORKLOADS.stream().map(w -> "{\"targets\": [\"http://127.0.0.1:%d/%s\"], \"labels\": {\"workload\": \"%s\"}}"
            .formatted(port, w.replace('/', '_'), w)).collect(Collectors.joining(",", "[", "]"));
        Path file = Files.createTempFile("plimsoll-shard", ".json");
        Files.writeString(file, groups);
        return Map.of("collector.simulator.enabled", "false", "collector.discovery.static.file", file.toString(),
            "collector.shard.count", "2", "collector.shard.index", "1");
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
  void scrapesOnlyTheWorkloadsItsShardOwns() {
    Set<String> owned = WORKLOADS.stream().filter(new Shard(1, 2)::owns).collect(Collectors.toCollection(TreeSet::new));
    org.junit.jupiter.api.Assertions.assertTrue(owned.size() > 2 && owned.size() < 10, "the split of 12 workloads: " + owned);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      List<String> targets = given().get("/api/v1/targets").then().statusCode(200).extract().jsonPath().getList("workload");
      assertEquals(owned, new TreeSet<>(targets));
      List<String> snapshots = given().get("/api/v1/snapshots").then().statusCode(200).extract().jsonPath().getList("workload");
      assertEquals(owned, new TreeSet<>(snapshots));
    });
  }
}
