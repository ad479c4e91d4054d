package dev.plimsoll.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** Writes RFC 9457 problem responses on Vert.x routes (the proxy, the fallback 404). */
@ApplicationScoped
public class ProblemResponses {

  private final ObjectMapper mapper;

  public ProblemResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public void send(RoutingContext ctx, String kind, String title, int status, String detail) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.headWritten()) {
      if (!response.ended()) {
        response.end();
      }
      return;
    }
    URI instance = safeUri(ctx.request().path());
    String body;
    try {
      body = mapper.writeValueAsString(Problem.of(kind, title, status, detail, instance));
    } catch (JsonProcessingException e) {
      body = "{\"title\":\"" + title + "\",\"status\":" + status + "}";
    }
    response.setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
  }

  private static URI safeUri(String path) {
    try {
      return path == null ? null : URI.create(path);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
