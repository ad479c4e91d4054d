package dev.plimsoll.simulator.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.simulator.api.InvalidScaleException;
import dev.plimsoll.simulator.sim.ReplicaNotReadyException;
import dev.plimsoll.simulator.sim.UnknownFleetException;
import dev.plimsoll.simulator.sim.UnknownReplicaException;
import dev.plimsoll.web.problem.JsonProblems;
import dev.plimsoll.web.problem.Problems;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The simulator's own errors as RFC 9457 {@code application/problem+json}; the generic ones (unknown paths, validation,
 * unreadable JSON, unexpected failures) come from {@code plimsoll-web-problems}. Never a stack trace or a class name.
 */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response unknownFleet(UnknownFleetException e, UriInfo uri) {
    return Problems.response(Problem.of("unknown-fleet", "Unknown fleet", 404, e.getMessage(), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response unknownReplica(UnknownReplicaException e, UriInfo uri) {
    return Problems.response(Problem.of("unknown-replica", "Unknown replica", 404, e.getMessage(), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response replicaNotReady(ReplicaNotReadyException e, UriInfo uri) {
    return Problems.response(Problem.of("replica-not-ready", "Replica not ready", 503, e.getMessage(), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response invalidScale(InvalidScaleException e, UriInfo uri) {
    return Problems.response(Problem.validation(e.errors(), Problems.instance(uri)));
  }

  /**
   * A wrongly typed field, e.g. {@code {"replicas": "three"}}, keeps the simulator's wording ("has the wrong type"); a body
   * of the wrong type gets the shared answer. Ranked before the shared mapper for this exception type.
   */
  @ServerExceptionMapper(priority = Priorities.USER - 1)
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    if (e.getPath().isEmpty()) {
      return Problems.response(JsonProblems.wrongType(e, e.getTargetType(), Problems.instance(uri)));
    }
    return Problems.response(Problem.validation(List.of(new FieldError(JsonProblems.jsonPath(e), "has the wrong type")),
        Problems.instance(uri)));
  }
}
