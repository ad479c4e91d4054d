package dev.plimsoll.collector;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small stand-in for the simulator, a real HTTP server on a free port: GET /api/v1/fleets lists fleet
 * {@code chat} (two serving replicas, one that never answers, one whose body is too large, one still
 * loading) and fleet {@code idle} (no READY replica); the replicas' metricsUrl point back here. Serving
 * replicas expose vLLM-format metrics whose counters and histogram buckets grow on every request.
 */
public class FakeSimulator implements QuarkusTestResourceLifecycleManager {
  public static final String CHAT = "simulated/demo/Fleet/chat";
  public static final String IDLE = "simulated/demo/Fleet/idle";
  /** Replica that accepts the request and never answers. */
  public static final String HANGING = "chat-hang";
  /** Replica whose body exceeds the 64 KiB limit set for the test. */
  public static final String HUGE = "chat-huge";
  public static final String LOADING = "chat-loading";
  /** The serving replicas and the vllm:num_requests_waiting gauge each one serves. */
  public static final Map<String, Integer> WAITING = Map.of("chat-0", 3, "chat-1", 4);
  /** KV-cache usage served: chat-0 with vLLM v1's name, chat-1 only with the v0 name. */
  public static final Map<String, Double> KV_USAGE = Map.of("chat-0", 0.25, "chat-1", 0.75);
  /** Generated tokens added per request. */
  public static final int TOKENS_PER_REQUEST = 50;
  /** TTFT bucket bounds and the observations each request adds to the cumulative bucket. */
  public static final List<String> TTFT_LE = List.of("0.1", "0.5", "1.0", "+Inf");
  public static final List<Integer> TTFT_PER_REQUEST = List.of(2, 5, 10, 10);

  private static final Map<String, AtomicLong> REQUESTS = new ConcurrentHashMap<>();
  private static final Map<String, List<Instant>> ARRIVALS = new ConcurrentHashMap<>();

  private Vertx vertx;
  private String base;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    try {
      HttpServer server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      base = "http://127.0.0.1:" + server.actualPort();
    } catch (Exception e) {
      throw new IllegalStateException("fake simulator did not start", e);
    }
    return Map.of("collector.simulator.url", base, "collector.max-body-bytes", "64K");
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** When each request for a replica's metrics arrived. */
  public static List<Instant> arrivals(String replica) {
    return List.copyOf(ARRIVALS.getOrDefault(replica, List.of()));
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/api/v1/fleets")) {
      request.response().putHeader("Content-Type", "application/json").end(fleets());
      return;
    }
    String prefix = "/fleets/chat/replicas/";
    if (path.startsWith(prefix) && path.endsWith("/metrics")) {
      String replica = path.substring(prefix.length(), path.length() - "/metrics".length());
      ARRIVALS.computeIfAbsent(replica, r -> new CopyOnWriteArrayList<>()).add(Instant.now());
      if (replica.equals(HANGING)) {
        return; // never answers
      }
      if (replica.equals(HUGE)) {
        request.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(Buffer.buffer(new byte[100 * 1024]));
        return;
      }
      if (WAITING.containsKey(replica)) {
        long n = REQUESTS.computeIfAbsent(replica, r -> new AtomicLong()).incrementAndGet();
        request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics(replica, n));
        return;
      }
    }
    request.response().setStatusCode(404).end();
  }

  private String fleets() {
    return """
        [{"name":"chat","namespace":"demo","workload":"%1$s","desiredReplicas":5,"readyReplicas":4,"gpusPerReplica":1,
          "modelProfile":"test","replicas":[%2$s,%3$s,%4$s,%5$s,%6$s]},
         {"name":"idle","namespace":"demo","workload":"%7$s","desiredReplicas":1,"readyReplicas":0,"gpusPerReplica":1,
          "modelProfile":"test","replicas":[{"id":"idle-0","state":"PENDING","node":null,"gpus":[],"metricsUrl":null}]}]
        """.formatted(CHAT, replica(HANGING, "READY"), replica("chat-0", "READY"), replica("chat-1", "READY"), replica(HUGE, "READY"),
        replica(LOADING, "LOADING"), IDLE);
  }

  private String replica(String id, String state) {
    return """
        {"id":"%s","state":"%s","node":"sim-node-0","gpus":["GPU-%s"],"metricsUrl":"%s/fleets/chat/replicas/%s/metrics",
         "createdAt":"2026-11-28T02:00:00Z","readyAt":null}""".formatted(id, state, id, base, id);
  }

  /** vLLM-format exposition of a serving replica after its n-th request. */
  private static String metrics(String replica, long n) {
    String labels = "model_name=\"test/model\",engine=\"0\"";
    var sb = new StringBuilder();
    sb.append("# HELP vllm:num_requests_waiting Number of requests waiting to be processed.\n")
        .append("# TYPE vllm:num_requests_waiting gauge\n")
        .append("vllm:num_requests_waiting{").append(labels).append("} ").append(WAITING.get(replica)).append(".0\n")
        .append("# TYPE vllm:num_requests_running gauge\n")
        .append("vllm:num_requests_running{").append(labels).append("} 2.0\n");
    String kvName = replica.equals("chat-0") ? "vllm:kv_cache_usage_perc" : "vllm:gpu_cache_usage_perc";
    sb.append("# TYPE ").append(kvName).append(" gauge\n")
        .append(kvName).append('{').append(labels).append("} ").append(KV_USAGE.get(replica)).append('\n')
        .append("# HELP vllm:generation_tokens_total Number of generation tokens processed.\n")
        .append("# TYPE vllm:generation_tokens_total counter\n")
        .append("vllm:generation_tokens_total{").append(labels).append("} ").append(1000 + TOKENS_PER_REQUEST * n).append(".0\n")
        .append("# HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.\n")
        .append("# TYPE vllm:time_to_first_token_seconds histogram\n");
    for (int i = 0; i < TTFT_LE.size(); i++) {
      sb.append("vllm:time_to_first_token_seconds_bucket{le=\"").append(TTFT_LE.get(i)).append("\",").append(labels).append("} ")
          .append(TTFT_PER_REQUEST.get(i) * n).append(".0\n");
    }
    long count = TTFT_PER_REQUEST.get(TTFT_PER_REQUEST.size() - 1) * n;
    sb.append("vllm:time_to_first_token_seconds_count{").append(labels).append("} ").append(count).append(".0\n")
        .append("vllm:time_to_first_token_seconds_sum{").append(labels).append("} ").append(0.4 * count).append('\n');
    return sb.toString();
  }
}
