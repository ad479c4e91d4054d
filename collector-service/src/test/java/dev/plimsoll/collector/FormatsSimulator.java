package dev.plimsoll.collector;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in simulator whose fleet {@code formats} has one replica per case the scrape must handle:
 * {@code om} answers in OpenMetrics, {@code text} in the text format, {@code wide} with more labels
 * than the limit set here, {@code many} with more series than the limit, {@code broken} with an
 * invalid body. Records the Accept header each replica's scrape sent.
 */
public class FormatsSimulator implements QuarkusTestResourceLifecycleManager {
  public static final String WORKLOAD = "simulated/demo/Fleet/formats";
  public static final int LABEL_LIMIT = 8;
  public static final int SERIES_LIMIT = 20;
  public static final Map<String, String> ACCEPT = new ConcurrentHashMap<>();
  public static final Map<String, String> ACCEPT_ENCODING = new ConcurrentHashMap<>();

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
    return Map.of("collector.simulator.url", base, "collector.limits.labels-per-sample", Integer.toString(LABEL_LIMIT),
        "collector.limits.series-per-target", Integer.toString(SERIES_LIMIT));
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/api/v1/fleets")) {
      request.response().putHeader("Content-Type", "application/json").end(fleets());
      return;
    }
    String prefix = "/replicas/";
    if (!path.startsWith(prefix)) {
      request.response().setStatusCode(404).end();
      return;
    }
    String replica = path.substring(prefix.length());
    ACCEPT.put(replica, String.valueOf(request.getHeader("Accept")));
    ACCEPT_ENCODING.put(replica, String.valueOf(request.getHeader("Accept-Encoding")));
    String labels = "model_name=\"m\"";
    switch (replica) {
      case "om" -> request.response().putHeader("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8").end("""
          # TYPE vllm:num_requests_waiting gauge
          vllm:num_requests_waiting{%1$s} 5
          # TYPE vllm:generation_tokens counter
          vllm:generation_tokens_total{%1$s} 100 # {trace_id="x"} 1
          vllm:generation_tokens_created{%1$s} 1700000000
          # EOF
          """.formatted(labels));
      case "text" -> request.response().putHeader("Content-Type", "text/plain; version=0.0.4").end("""
          # TYPE vllm:num_requests_waiting gauge
          vllm:num_requests_waiting{%s} 7
          """.formatted(labels));
      case "wide" -> {
        var sb = new StringBuilder("vllm:num_requests_waiting{");
        for (int i = 0; i <= LABEL_LIMIT; i++) {
          sb.append(i == 0 ? "" : ",").append("l").append(i).append("=\"v\"");
        }
        request.response().end(sb.append("} 1\n").toString());
      }
      case "many" -> {
        var sb = new StringBuilder();
        for (int i = 0; i <= SERIES_LIMIT; i++) {
          sb.append("vllm:num_requests_waiting{i=\"").append(i).append("\"} 1\n");
        }
        request.response().end(sb.toString());
      }
      case "gz" -> {
        try {
          var bytes = new java.io.ByteArrayOutputStream();
          try (var gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write("# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting 9\nvllm:num_requests_running 1\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
          request.response().putHeader("Content-Type", "text/plain; version=0.0.4").putHeader("Content-Encoding", "gzip")
              .end(io.vertx.core.buffer.Buffer.buffer(bytes.toByteArray()));
        } catch (java.io.IOException e) {
          request.response().setStatusCode(500).end();
        }
      }
      case "broken" -> request.response().putHeader("Content-Type", "application/openmetrics-text; version=1.0.0").end("a 1\n");
      default -> request.response().setStatusCode(404).end();
    }
  }

  private String fleets() {
    StringBuilder replicas = new StringBuilder();
    for (String id : new String[] {"om", "text", "wide", "many", "broken", "gz"}) {
      replicas.append(replicas.isEmpty() ? "" : ",").append("""
          {"id":"%1$s","state":"READY","node":"n","gpus":["GPU-%1$s"],"metricsUrl":"%2$s/replicas/%1$s",
           "createdAt":"2026-11-28T02:00:00Z","readyAt":null}""".formatted(id, base));
    }
    return """
        [{"name":"formats","namespace":"demo","workload":"%s","desiredReplicas":5,"readyReplicas":5,"gpusPerReplica":1,
          "modelProfile":"test","replicas":[%s]}]
        """.formatted(WORKLOAD, replicas);
  }
}
