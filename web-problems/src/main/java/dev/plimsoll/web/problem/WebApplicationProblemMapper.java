package dev.plimsoll.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.plimsoll.events.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Unknown paths (404), wrong methods (405), unacceptable or unsupported media types (406, 415) and the like, with the
 * status' kind and reason phrase; a body Quarkus REST could not read as JSON (400 caused by Jackson) names the field or
 * the position to blame.
 */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {

  private static final Logger LOG = Logger.getLogger(WebApplicationProblemMapper.class);

  @Context
  UriInfo uri;

  @Override
  public Response toResponse(WebApplicationException e) {
    return Problems.response(problem(e, uri));
  }

  static Problem problem(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status == 400 && e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return JsonProblems.unbindable(mapping, Problems.instance(uri));
    }
    if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
      return JsonProblems.malformed(json, Problems.instance(uri));
    }
    String title = Problems.title(status);
    String detail;
    if (status == 404) {
      detail = "No resource at " + Problems.path(uri);
    } else if (status >= 500) {
      LOG.error("request failed", e);
      detail = "The request could not be served";
    } else {
      detail = title + ": " + Problems.path(uri);
    }
    return Problem.of(Problems.kind(status), title, status, detail, Problems.instance(uri));
  }
}
