package dev.plimsoll.collector.problem;

import dev.plimsoll.collector.snapshot.SnapshotResource.InvalidWorkloadException;
import dev.plimsoll.collector.snapshot.UnknownWorkloadException;
import dev.plimsoll.events.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every error of the REST API to an RFC 9457 {@code application/problem+json} body
 * ({@link Problem}); never exposes a stack trace or a class name.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public RestResponse<Problem> unknownWorkload(UnknownWorkloadException e, UriInfo uri) {
    return problem(Problem.of("unknown-workload", "Unknown workload", 404, e.getMessage(), instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> invalidWorkload(InvalidWorkloadException e, UriInfo uri) {
    return problem(Problem.validation(List.of(new Problem.FieldError("workload", e.getMessage())), instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors = e.getConstraintViolations().stream()
        .map(v -> new Problem.FieldError(field(v), v.getMessage()))
        .sorted(Comparator.comparing(Problem.FieldError::field))
        .toList();
    return problem(Problem.validation(errors, instance(uri)));
  }

  /** Unknown paths (404), wrong methods (405), unacceptable media types and the like. */
  @ServerExceptionMapper
  public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "HTTP " + status : type.getReasonPhrase();
    String detail = status == 404 ? "Nothing at " + uri.getRequestUri().getRawPath() : title + " for " + uri.getRequestUri().getRawPath();
    if (status >= 500) {
      LOG.error("request failed", e);
    }
    return problem(Problem.of(kind(title), title, status, detail, instance(uri)));
  }

  @ServerExceptionMapper
  public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
    LOG.error("unexpected error", e);
    return problem(Problem.of("internal-error", "Internal error", 500, "The request failed unexpectedly; the collector's log has details",
        instance(uri)));
  }

  private static RestResponse<Problem> problem(Problem problem) {
    return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(problem.status()), problem)
        .type(Problem.MEDIA_TYPE)
        .build();
  }

  /** The property path without the method and parameter prefix, e.g. {@code list.workload} -> {@code workload}. */
  static String field(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    String[] parts = path.split("\\.");
    return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
  }

  private static String kind(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static URI instance(UriInfo uri) {
    return URI.create(uri.getRequestUri().getRawPath());
  }
}
