package dev.plimsoll.web.problem;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A 404 exactly as {@link WebApplicationProblemMapper} answers it, with a provider of its own for {@link NotFoundException}
 * (as the GPU, cost and simulator services had) so that no other mapper for that exact type takes unknown paths.
 */
@Provider
public class NotFoundProblemMapper implements ExceptionMapper<NotFoundException> {

  @Context
  UriInfo uri;

  @Override
  public Response toResponse(NotFoundException e) {
    return Problems.response(WebApplicationProblemMapper.problem(e, uri));
  }
}
