package dev.plimsoll.cost.problem;

import dev.plimsoll.cost.report.InvalidParameterException;
import dev.plimsoll.cost.report.UnknownWorkloadException;
import dev.plimsoll.events.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the REST API as RFC 9457 {@code application/problem+json}; never a stack trace or class name. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public RestResponse<Problem> unknownWorkload(UnknownWorkloadException e, UriInfo uri) {
    return respond(Problem.of("unknown-workload", "Unknown workload", 404, e.getMessage(), instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> invalidParameter(InvalidParameterException e, UriInfo uri) {
    return respond(Problem.validation(List.of(new Problem.FieldError(e.parameter(), e.getMessage())), instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
    var errors = new ArrayList<Problem.FieldError>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    return respond(Problem.validation(errors, instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> notFound(NotFoundException e, UriInfo uri) {
    return respond(Problem.of("not-found", "Not found", 404, "No resource at " + uri.getPath(), instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    String kind = known == null ? "http-" + status : known.name().toLowerCase().replace('_', '-');
    String detail = status >= 500 ? "The request could not be served" : title + ": " + uri.getPath();
    return respond(Problem.of(kind, title, status, detail, instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> unexpected(Exception e, UriInfo uri) {
    LOG.errorf(e, "Unexpected error serving %s", uri.getPath());
    return respond(Problem.of("internal", "Internal error", 500, "The request could not be served; see the service log",
        instance(uri)));
  }

  /** The property path without the method and parameter nodes: {@code create.policy.maxReplicas} becomes {@code maxReplicas}. */
  static String field(Path path) {
    List<String> names = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
          || node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
        continue;
      }
      if (node.getName() != null) {
        names.add(node.getName());
      }
    }
    if (names.isEmpty()) {
      return parameter == null ? path.toString() : parameter;
    }
    return String.join(".", names);
  }

  private static RestResponse<Problem> respond(Problem problem) {
    return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
  }

  private static URI instance(UriInfo uri) {
    try {
      return uri == null ? null : URI.create(uri.getPath());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
