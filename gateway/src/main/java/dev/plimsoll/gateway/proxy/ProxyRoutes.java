package dev.plimsoll.gateway.proxy;

import dev.plimsoll.gateway.config.GatewayConfig;
import dev.plimsoll.gateway.health.ServiceProber;
import dev.plimsoll.gateway.problem.ProblemResponses;
import dev.plimsoll.gateway.route.RouteTable;
import dev.plimsoll.gateway.route.RouteTable.Resolution;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Routes {@code /api/<service>/**} to the services, non-blocking, and answers every path that no
 * route serves with a 404 problem. Upstream failures become problems too: connection refused or
 * reset → 502, no answer in time → 504, an unknown service → 404, a body over the limit → 413.
 */
@ApplicationScoped
public class ProxyRoutes {

  private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
  /** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the client recomputes. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

  private final GatewayConfig config;
  private final ProblemResponses problems;
  private final MeterRegistry registry;
  private final RouteTable routes;
  private HttpClient client;

  public ProxyRoutes(GatewayConfig config, ProblemResponses problems, MeterRegistry registry) {
    this.config = config;
    this.problems = problems;
    this.registry = registry;
    var urls = new LinkedHashMap<String, String>();
    config.services().forEach((name, service) -> {
      if (service.enabled()) {
        urls.put(name, service.url());
      }
    });
    this.routes = new RouteTable(urls);
  }

  public RouteTable routes() {
    return routes;
  }

  void register(@Observes Router router, Vertx vertx) {
    client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) config.proxy().connectTimeout().toMillis())
        .setKeepAlive(true)
        .setMaxPoolSize(64));
    // /api/health is served by HealthResource (JAX-RS); everything else under /api/ is proxied.
    router.routeWithRegex("^/api/(?!health$|health/)[^/]+(/.*)?$").order(-10)
        .handler(BodyHandler.create(false).setBodyLimit(config.proxy().maxBodyBytes()))
        .handler(this::proxy)
        .failureHandler(this::failed);
    router.errorHandler(404, ctx -> problems.send(ctx, "not-found", "Not Found", 404,
        "No route for " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(413, ctx -> problems.send(ctx, "payload-too-large", "Payload Too Large", 413,
        "Request body is larger than the gateway's limit of " + config.proxy().maxBodyBytes() + " bytes"));
    router.errorHandler(405, ctx -> problems.send(ctx, "method-not-allowed", "Method Not Allowed", 405,
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
  }

  /** Failures raised before the proxy ran (the body handler's 413, a malformed request). */
  private void failed(RoutingContext ctx) {
    int status = ctx.statusCode() < 0 ? 500 : ctx.statusCode();
    if (status == 413) {
      problems.send(ctx, "payload-too-large", "Payload Too Large", 413,
          "Request body is larger than the gateway's limit of " + config.proxy().maxBodyBytes() + " bytes");
    } else if (status >= 400 && status < 500) {
      problems.send(ctx, "bad-request", "Bad Request", status, "The request could not be read");
    } else {
      LOG.warnf(ctx.failure(), "proxy failure on %s", ctx.request().path());
      problems.send(ctx, "internal", "Internal Server Error", 500, "The gateway failed to handle the request");
    }
  }

  private void proxy(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Resolution resolution = routes.resolve(request.uri());
    switch (resolution) {
      case Resolution.NoRoute noRoute -> problems.send(ctx, "not-found", "Not Found", 404,
          "No route for " + request.method() + " " + request.path() + ": " + noRoute.reason());
      case Resolution.Rejected rejected -> problems.send(ctx, "bad-path", "Bad Request", 400, rejected.reason());
      case Resolution.Routed routed -> forward(ctx, routed);
    }
  }

  private void forward(RoutingContext ctx, Resolution.Routed routed) {
    HttpServerRequest request = ctx.request();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    request.headers().forEach(h -> {
      if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        headers.add(h.getKey(), h.getValue());
      }
    });
    headers.set("X-Forwarded-Host", request.authority() == null ? "" : request.authority().toString());
    headers.set("X-Forwarded-Proto", request.scheme());
    headers.set("X-Forwarded-Prefix", "/api/" + routed.service());
    var options = new RequestOptions().setMethod(request.method()).setAbsoluteURI(routed.upstreamUri()).setHeaders(headers)
        .setIdleTimeout(config.proxy().idleTimeout().toMillis());
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    Timer.Sample sample = Timer.start(registry);
    client.request(options)
        .compose(upstream -> body == null || body.length() == 0 ? upstream.send() : upstream.send(body))
        .onSuccess(upstreamResponse -> relay(ctx, routed, upstreamResponse, sample))
        .onFailure(failure -> fail(ctx, routed, failure, sample));
  }

  private void relay(RoutingContext ctx, Resolution.Routed routed, HttpClientResponse upstream, Timer.Sample sample) {
    var response = ctx.response();
    response.setStatusCode(upstream.statusCode());
    response.setStatusMessage(upstream.statusMessage());
    upstream.headers().forEach(h -> {
      if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        response.headers().add(h.getKey(), h.getValue());
      }
    });
    if (upstream.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      response.putHeader(HttpHeaderNames.CONTENT_LENGTH, upstream.getHeader(HttpHeaderNames.CONTENT_LENGTH));
    } else {
      response.setChunked(true);
    }
    String outcome = (upstream.statusCode() / 100) + "xx";
    upstream.pipeTo(response).onComplete(done -> record(routed.service(), outcome, sample));
  }

  private void fail(RoutingContext ctx, Resolution.Routed routed, Throwable failure, Timer.Sample sample) {
    String url = routes.baseUrls().get(routed.service());
    if (isTimeout(failure)) {
      record(routed.service(), "timeout", sample);
      problems.send(ctx, "upstream-timeout", "Gateway Timeout", 504,
          "Service '" + routed.service() + "' at " + url + " did not answer in time");
    } else {
      record(routed.service(), "unreachable", sample);
      LOG.debugf("upstream %s failed: %s", routed.service(), failure);
      String why = switch (ServiceProber.describe(failure)) {
        case "connection refused" -> "is down (connection refused)";
        case "host name does not resolve" -> "cannot be reached (its host name does not resolve)";
        default -> "failed before answering";
      };
      problems.send(ctx, "upstream-unavailable", "Bad Gateway", 502, "Service '" + routed.service() + "' at " + url + " " + why);
    }
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  private void record(String service, String outcome, Timer.Sample sample) {
    registry.counter("plimsoll_gateway_proxied_requests_total", "service", service, "outcome", outcome).increment();
    sample.stop(registry.timer("plimsoll_gateway_upstream_duration_seconds", "service", service));
  }
}
