package dev.plimsoll.collector.problem;

import dev.plimsoll.collector.snapshot.SnapshotResource.InvalidWorkloadException;
import dev.plimsoll.collector.snapshot.UnknownWorkloadException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.web.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The collector's own errors as RFC 9457 {@code application/problem+json}; the generic ones (unknown paths, validation,
 * unexpected failures) come from {@code plimsoll-web-problems}. Never a stack trace or a class name.
 */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response unknownWorkload(UnknownWorkloadException e, UriInfo uri) {
    return Problems.response(Problem.of("unknown-workload", "Unknown workload", 404, e.getMessage(), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response invalidWorkload(InvalidWorkloadException e, UriInfo uri) {
    return Problems.response(Problem.validation(List.of(new Problem.FieldError("workload", e.getMessage())), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
    if (e.status() == 400) {
      return Problems.response(Problem.validation(e.errors(), Problems.instance(uri)));
    }
    return Problems.response(Problem.of("conflict", "Conflict", e.status(), e.getMessage(), Problems.instance(uri)));
  }
}
