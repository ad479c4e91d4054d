package dev.plimsoll.scaler.web;

import dev.plimsoll.events.Problem;
import dev.plimsoll.web.problem.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The scaler's own errors ({@link ProblemException}) as {@code application/problem+json} ({@link Problem}); the generic
 * ones (unknown paths, Bean Validation, unreadable or wrongly typed JSON, unexpected failures) come from
 * {@code plimsoll-web-problems}. Never a stack trace or a class name in the body.
 */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return Problems.response(Problem.of(e.kind(), e.title(), e.status(), e.getMessage(), Problems.instance(uri)));
  }

  @ServerExceptionMapper
  public Response fieldErrors(FieldErrorsException e, UriInfo uri) {
    return Problems.response(Problem.validation(e.errors(), Problems.instance(uri)));
  }
}
