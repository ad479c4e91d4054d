package dev.plimsoll.gpu;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small real HTTP server standing in for the simulator's {@code GET /api/v1/nodes}: 2 nodes x 8 GPUs,
 * 3 allocated (2 on an H100 node, 1 on an A100 node); and {@code GET /api/v1/fleets/chat} (2 GPUs per replica). {@link #failing} makes it answer 500.
 */
public class FakeSimulator implements QuarkusTestResourceLifecycleManager {

  /** When true the server answers 500, as a broken simulator would. */
  public static volatile boolean failing;

  /** What the collector's query API (also played by this server) answers: the series of an instant vector. */
  public static volatile JsonArray dcgmSeries = new JsonArray();

  private Vertx vertx;
  private HttpServer server;

  static JsonArray nodes() {
    return new JsonArray()
        .add(node("sim-node-0", "NVIDIA-H100-80GB-HBM3", 81559, "chat-0", "chat-1"))
        .add(node("sim-node-1", "NVIDIA-A100-SXM4-80GB", 81920, "rag-0"));
  }

  private static JsonObject node(String name, String product, long memory, String... holders) {
    var gpus = new JsonArray();
    for (int i = 0; i < 8; i++) {
      gpus.add(new JsonObject().put("index", i).put("uuid", "GPU-" + name + "-" + i)
          .put("allocatedTo", i < holders.length ? holders[i] : null));
    }
    return new JsonObject().put("name", name).put("gpuProduct", product).put("gpuMemoryMiB", memory)
        .put("gpuCapacity", 8).put("gpuAllocated", holders.length).put("gpus", gpus).put("futureField", "ignored");
  }

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    try {
      server = vertx.createHttpServer().requestHandler(req -> {
        if (failing) {
          req.response().setStatusCode(500).end("simulated failure");
        } else if ("/api/v1/query".equals(req.path())) {
          req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "success")
              .put("data", new JsonObject().put("resultType", "vector").put("result", dcgmSeries)).encode());
        } else if ("/api/v1/nodes".equals(req.path())) {
          req.response().putHeader("Content-Type", "application/json").end(nodes().encode());
        } else if ("/api/v1/fleets/chat".equals(req.path())) {
          req.response().putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("workload", "simulated/demo/Fleet/chat").put("gpusPerReplica", 2).put("replicas", 2).encode());
        } else {
          req.response().setStatusCode(404).end();
        }
      }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("fake simulator did not start", e);
    }
    String url = "http://127.0.0.1:" + server.actualPort();
    return Map.of("quarkus.rest-client.simulator.url", url, "quarkus.rest-client.collector.url", url);
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
  }
}
