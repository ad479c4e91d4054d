package dev.plimsoll.gateway.health;

import dev.plimsoll.gateway.config.GatewayConfig;
import dev.plimsoll.gateway.health.HealthAggregate.ServiceHealth;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Probes every enabled service's readiness endpoint concurrently, each with its own timeout. */
@ApplicationScoped
public class ServiceProber {

  private final GatewayConfig config;
  private final HttpClient client;

  public ServiceProber(GatewayConfig config, Vertx vertx) {
    this.config = config;
    long timeout = config.health().timeout().toMillis();
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout).setKeepAlive(false));
  }

  public Uni<HealthAggregate> probeAll() {
    Map<String, ServiceHealth> results = new ConcurrentHashMap<>();
    List<Uni<Void>> probes = new ArrayList<>();
    config.services().forEach((name, service) -> {
      if (service.enabled()) {
        probes.add(probe(service).invoke(health -> results.put(name, health)).replaceWithVoid());
      }
    });
    if (probes.isEmpty()) {
      return Uni.createFrom().item(HealthAggregate.of(Map.of()));
    }
    return Uni.join().all(probes).andCollectFailures().map(ignored -> HealthAggregate.of(results));
  }

  private Uni<ServiceHealth> probe(GatewayConfig.Service service) {
    String url = service.url().replaceAll("/+$", "") + service.readinessPath();
    long timeout = config.health().timeout().toMillis();
    var options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setTimeout(timeout);
    var future = client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()));
    return Uni.createFrom().completionStage(future.toCompletionStage())
        .map(status -> HealthAggregate.classify(service.url(), status, null))
        .onFailure().recoverWithItem(failure -> HealthAggregate.classify(service.url(), null, describe(failure)));
  }

  /** A fixed human phrase for the probe's failure: never a class name or a raw exception text. */
  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof java.net.ConnectException || message.contains("Connection refused")) {
        return "connection refused";
      }
      if (t instanceof java.util.concurrent.TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
          || message.toLowerCase(java.util.Locale.ROOT).contains("timeout") || message.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
        return "no answer in time";
      }
      if (t instanceof java.net.UnknownHostException || message.contains("Failed to resolve")) {
        return "host name does not resolve";
      }
    }
    return "readiness probe failed";
  }
}
