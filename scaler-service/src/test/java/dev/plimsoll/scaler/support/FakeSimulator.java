package dev.plimsoll.scaler.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small real HTTP server playing the simulator's platform API for the scaler's tests:
 * {@code GET /api/v1/fleets}, {@code GET|PUT /api/v1/fleets/{name}/scale}, recording every PUT.
 */
public class FakeSimulator {

  private static final Pattern SCALE = Pattern.compile("/api/v1/fleets/([^/]+)/scale");

  /** One recorded {@code PUT /api/v1/fleets/{fleet}/scale}. */
  public record Put(String fleet, int replicas) {}

  /** How a fleet's {@code GET .../scale} misbehaves: not at all, never answering, or closing the connection. */
  private enum Fault { NONE, HANG, CLOSE }

  /** {@code cap}: the most replicas a PUT sets (0: no cap), as a platform that sets less than asked. */
  private record Fleet(String namespace, int replicas, int failPutStatus, Fault fault, int cap) {
    Fleet(String namespace, int replicas, int failPutStatus) {
      this(namespace, replicas, failPutStatus, Fault.NONE, 0);
    }

    Fleet(String namespace, int replicas, int failPutStatus, Fault fault) {
      this(namespace, replicas, failPutStatus, fault, 0);
    }
  }

  private final Map<String, Fleet> fleets = new ConcurrentHashMap<>();
  private final List<Put> puts = new CopyOnWriteArrayList<>();
  private volatile int fleetsStatus = 200;
  private Vertx vertx;
  private HttpServer server;

  /** Starts on a free port of 127.0.0.1 and returns the base URL. */
  public String start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + server.actualPort();
  }

  public void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Adds (or resets) a fleet {@code simulated/<namespace>/Fleet/<name>}. */
  public void fleet(String namespace, String name, int replicas) {
    fleets.put(name, new Fleet(namespace, replicas, 0));
  }

  /** Adds a fleet that sets at most {@code cap} replicas whatever a PUT asks for (and answers with what it set). */
  public void cappedFleet(String namespace, String name, int replicas, int cap) {
    fleets.put(name, new Fleet(namespace, replicas, 0, Fault.NONE, cap));
  }

  /** Adds a fleet whose PUTs fail with this status and a problem+json body. */
  public void failingFleet(String namespace, String name, int replicas, int putStatus) {
    fleets.put(name, new Fleet(namespace, replicas, putStatus));
  }

  /** Adds a fleet whose {@code GET .../scale} never answers (the caller's read timeout ends it). */
  public void hangingFleet(String namespace, String name) {
    fleets.put(name, new Fleet(namespace, 1, 0, Fault.HANG));
  }

  /** Adds a fleet whose {@code GET .../scale} closes the connection without an answer. */
  public void closingFleet(String namespace, String name) {
    fleets.put(name, new Fleet(namespace, 1, 0, Fault.CLOSE));
  }

  /** The status of {@code GET /api/v1/fleets} (the readiness probe); 200 by default. */
  public void fleetsStatus(int status) {
    this.fleetsStatus = status;
  }

  public List<Put> puts() {
    return List.copyOf(puts);
  }

  public List<Put> puts(String fleet) {
    return puts.stream().filter(p -> p.fleet().equals(fleet)).toList();
  }

  /** Answers of the collector's query API ({@code GET /api/v1/query}) by query text: the values of the series it returns. */
  private final Map<String, List<Double>> queryAnswers = new ConcurrentHashMap<>();

  /** Sets what {@code GET /api/v1/query?query=<query>} answers: an instant vector with one series per value. */
  public void queryAnswer(String query, Double... values) {
    queryAnswers.put(query, List.of(values));
  }

  /** Answers of the gpu-service's {@code GET /api/v1/headroom} by workload: replicasThatFit (null: unknown). */
  private final Map<String, Optional<Long>> headroom = new ConcurrentHashMap<>();

  /** Sets what {@code GET /api/v1/headroom?workload=<workload>} answers; a workload never set gets 404. */
  public void headroom(String workload, Long replicasThatFit) {
    headroom.put(workload, Optional.ofNullable(replicasThatFit));
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if ("/api/v1/headroom".equals(path)) {
      Optional<Long> fit = headroom.get(request.getParam("workload"));
      if (fit == null) {
        reply(request, 404, problem(404, "unknown workload " + request.getParam("workload")));
        return;
      }
      JsonObject body = new JsonObject().put("workload", request.getParam("workload")).put("replicasThatFit", fit.orElse(null));
      reply(request, 200, body.encode());
      return;
    }
    if ("/api/v1/query".equals(path)) {
      String query = request.getParam("query");
      List<Double> values = queryAnswers.get(query);
      if (values == null) {
        reply(request, 400, new JsonObject().put("status", "error").put("errorType", "bad_data").put("error", "unknown query " + query).encode());
        return;
      }
      JsonArray result = new JsonArray();
      for (int i = 0; i < values.size(); i++) {
        result.add(new JsonObject().put("metric", new JsonObject().put("i", String.valueOf(i)))
            .put("value", new JsonArray().add(System.currentTimeMillis() / 1000.0).add(String.valueOf(values.get(i)))));
      }
      reply(request, 200, new JsonObject().put("status", "success").put("data", new JsonObject().put("resultType", "vector")
          .put("result", result)).encode());
      return;
    }
    if ("/api/v1/fleets".equals(path) && "GET".equals(request.method().name())) {
      JsonArray all = new JsonArray();
      fleets.forEach((name, f) -> all.add(new JsonObject().put("name", name).put("namespace", f.namespace())
          .put("workload", workload(name, f)).put("desiredReplicas", f.replicas()).put("readyReplicas", f.replicas())));
      reply(request, fleetsStatus, fleetsStatus == 200 ? all.encode() : problem(fleetsStatus, "simulator unavailable"));
      return;
    }
    Matcher m = SCALE.matcher(path);
    if (!m.matches()) {
      reply(request, 404, problem(404, "no route " + path));
      return;
    }
    String name = m.group(1);
    Fleet fleet = fleets.get(name);
    if (fleet == null) {
      reply(request, 404, problem(404, "unknown fleet " + name));
      return;
    }
    if (fleet.fault() == Fault.HANG) {
      return;
    }
    if (fleet.fault() == Fault.CLOSE) {
      request.connection().close();
      return;
    }
    switch (request.method().name()) {
      case "GET" -> reply(request, 200, scaleBody(name, fleet).encode());
      case "PUT" -> request.body().onSuccess(body -> {
        int replicas = body.toJsonObject().getInteger("replicas");
        puts.add(new Put(name, replicas));
        if (fleet.failPutStatus() != 0) {
          reply(request, fleet.failPutStatus(), problem(fleet.failPutStatus(), "fleet " + name + " cannot scale right now"));
          return;
        }
        Fleet scaled = new Fleet(fleet.namespace(), fleet.cap() > 0 ? Math.min(replicas, fleet.cap()) : replicas, 0, Fault.NONE, fleet.cap());
        fleets.put(name, scaled);
        reply(request, 200, scaleBody(name, scaled).encode());
      });
      default -> reply(request, 405, problem(405, "method not allowed"));
    }
  }

  private static JsonObject scaleBody(String name, Fleet f) {
    return new JsonObject().put("workload", workload(name, f)).put("replicas", f.replicas()).put("readyReplicas", f.replicas());
  }

  private static String workload(String name, Fleet f) {
    return "simulated/" + f.namespace() + "/Fleet/" + name;
  }

  private static String problem(int status, String detail) {
    return new JsonObject().put("type", "https://plimsoll.dev/problems/test").put("title", "Fake simulator").put("status", status)
        .put("detail", detail).encode();
  }

  private static void reply(HttpServerRequest request, int status, String body) {
    request.response().setStatusCode(status)
        .putHeader("Content-Type", status == 200 ? "application/json" : "application/problem+json")
        .end(body);
  }
}
