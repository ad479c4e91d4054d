package dev.plimsoll.gpu.problem;

import dev.plimsoll.events.Problem;
import dev.plimsoll.gpu.config.GpuConfig;
import dev.plimsoll.web.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The GPU service's own errors as RFC 9457 {@code application/problem+json}: a 503 while no inventory was read carries
 * {@code Retry-After} (the refresh interval). The generic ones (unknown paths, validation, unexpected failures) come from
 * {@code plimsoll-web-problems}.
 */
public class ProblemMappers {

  private final GpuConfig config;

  public ProblemMappers(GpuConfig config) {
    this.config = config;
  }

  @ServerExceptionMapper
  public Response unknownWorkload(UnknownWorkloadException e, UriInfo uri) {
    return Problems.response(Problem.of("unknown-workload", "Unknown workload", 404, e.getMessage(), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response unavailable(InventoryUnavailableException e, UriInfo uri) {
    Problem p = Problem.of("inventory-unavailable", "GPU inventory unavailable", 503, e.getMessage(), Problems.instance(uri));
    long retryAfterSeconds = Math.max(1, (config.refreshInterval().toMillis() + 999) / 1000);
    return Response.fromResponse(Problems.response(p)).header("Retry-After", retryAfterSeconds).build();
  }
}
