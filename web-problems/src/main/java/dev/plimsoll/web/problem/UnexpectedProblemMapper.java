package dev.plimsoll.web.problem;

import dev.plimsoll.events.Problem;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Anything no nearer mapper takes is a bug or an outage: logged with its stack trace, answered as a 500 {@code internal}
 * problem without one. A service's mapper for its own exception type always wins (JAX-RS picks the nearest type).
 */
@Provider
public class UnexpectedProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedProblemMapper.class);

  @Context
  UriInfo uri;

  @Override
  public Response toResponse(Throwable e) {
    return Problems.response(internal(e, uri));
  }

  /** Logs {@code e} and returns the 500 problem for it. */
  static Problem internal(Throwable e, UriInfo uri) {
    LOG.errorf(e, "Unexpected error serving %s", Problems.path(uri));
    return Problem.of("internal", "Internal error", 500, "The request could not be served; see the service log",
        Problems.instance(uri));
  }
}
