package dev.plimsoll.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP upstreams for the gateway's wiring tests: "scaler" answers (echoing what it received),
 * "slow" never answers its API, and "gpu" points at a port where nothing listens.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    HttpServer scaler = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      if (request.path().equals("/q/health/ready")) {
        request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
        return;
      }
      String echo = "{\"method\":\"" + request.method() + "\",\"uri\":\"" + request.uri() + "\",\"body\":\""
          + body.toString().replace("\"", "'") + "\",\"prefix\":\"" + request.getHeader("X-Forwarded-Prefix") + "\"}";
      request.response().setStatusCode(request.path().endsWith("/missing") ? 404 : 200)
          .putHeader("Content-Type", "application/json").putHeader("X-Upstream", "scaler").end(echo);
    }));
    HttpServer slow = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/q/health/ready")) {
        request.response().end("{\"status\":\"UP\"}");
      }
      // any other request is left hanging
    });
    try {
      scaler.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      slow.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      return Map.of(
          "gateway.services.scaler.url", "http://127.0.0.1:" + scaler.actualPort(),
          "gateway.services.slow.url", "http://127.0.0.1:" + slow.actualPort(),
          "gateway.services.gpu.url", "http://127.0.0.1:" + closedPort,
          "gateway.services.collector.enabled", "false",
          "gateway.services.cost.enabled", "false",
          "gateway.services.simulator.enabled", "false",
          "gateway.proxy.idle-timeout", "1s",
          "gateway.proxy.max-body-bytes", "1024");
    } catch (Exception e) {
      throw new IllegalStateException("could not start fake upstreams", e);
    }
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
