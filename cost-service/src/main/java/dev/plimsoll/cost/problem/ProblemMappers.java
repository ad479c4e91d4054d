package dev.plimsoll.cost.problem;

import dev.plimsoll.cost.report.InvalidParameterException;
import dev.plimsoll.cost.report.UnknownWorkloadException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.web.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The cost service's own errors as RFC 9457 {@code application/problem+json}; the generic ones (unknown paths, validation,
 * unexpected failures) come from {@code plimsoll-web-problems}.
 */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response unknownWorkload(UnknownWorkloadException e, UriInfo uri) {
    return Problems.response(Problem.of("unknown-workload", "Unknown workload", 404, e.getMessage(), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
    return Problems.response(Problem.validation(List.of(new Problem.FieldError(e.parameter(), e.getMessage())), Problems.instance(uri)));
  }
}
