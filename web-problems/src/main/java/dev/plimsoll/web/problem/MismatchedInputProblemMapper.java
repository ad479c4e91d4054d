package dev.plimsoll.web.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A value of the wrong JSON type, e.g. {@code "minReplicas":"two"} (including {@code InvalidFormatException}), which
 * Quarkus REST rethrows unwrapped: a validation problem with one field error at the value's JSON path ({@code body} for
 * the whole body). Registered for this type itself, so it wins over Quarkus's built-in mapper, which answers plain JSON.
 */
@Provider
public class MismatchedInputProblemMapper implements ExceptionMapper<MismatchedInputException> {

  @Context
  UriInfo uri;

  @Override
  public Response toResponse(MismatchedInputException e) {
    return Problems.response(JsonProblems.wrongType(e, e.getTargetType(), Problems.instance(uri)));
  }
}
