package dev.plimsoll.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body Jackson could not bind and Quarkus REST did not wrap (wrong-typed values arrive as
 * {@link MismatchedInputProblemMapper}'s): 400 {@code malformed-request}, or a validation problem at the value's path when
 * Jackson knows it (a body a resource reads itself). Jackson failing to write a response is ours: 500.
 */
@Provider
public class JsonProcessingProblemMapper implements ExceptionMapper<JsonProcessingException> {

  @Context
  UriInfo uri;

  @Override
  public Response toResponse(JsonProcessingException e) {
    if (JsonProblems.whileWriting(e)) {
      return Problems.response(UnexpectedProblemMapper.internal(e, uri));
    }
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      // A value that cannot be bound at a known place (e.g. a number too large for its field), read by the resource itself.
      return Problems.response(JsonProblems.unbindable(mapping, Problems.instance(uri)));
    }
    return Problems.response(JsonProblems.malformed(e, Problems.instance(uri)));
  }
}
