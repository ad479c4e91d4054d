package dev.plimsoll.gateway.problem;

import dev.plimsoll.events.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors of the gateway's own JAX-RS endpoints ({@code /api/health}) as RFC 9457 problems; never a stack trace. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    String kind = known == null ? "http-" + status : known.name().toLowerCase().replace('_', '-');
    return respond(Problem.of(kind, title, status, title + ": " + uri.getPath(), instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> unexpected(Exception e, UriInfo uri) {
    LOG.errorf(e, "Unexpected error serving %s", uri.getPath());
    return respond(Problem.of("internal", "Internal Server Error", 500, "The gateway failed to serve the request; see its log", instance(uri)));
  }

  private static RestResponse<Problem> respond(Problem problem) {
    return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
  }

  private static URI instance(UriInfo uri) {
    try {
      return URI.create(uri.getPath());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
