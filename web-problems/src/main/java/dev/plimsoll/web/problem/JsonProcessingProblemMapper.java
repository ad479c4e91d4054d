package dev.plimsoll.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body Jackson could not bind and Quarkus REST did not wrap (wrong-typed values arrive as
 * {@link MismatchedInputProblemMapper}'s): 400 {@code malformed-request}. Jackson failing to write a response is ours: 500.
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
    return Problems.response(JsonProblems.malformed(e, Problems.instance(uri)));
  }
}
