package dev.plimsoll.web.problem;

import dev.plimsoll.events.Problem;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Bean Validation: a 400 {@link Problem#validation} with one field error per violation (see {@link Problems#field}); a
 * violation on a returned value is the server's fault, a 500.
 */
@Provider
public class ConstraintViolationProblemMapper implements ExceptionMapper<ConstraintViolationException> {

  private static final Logger LOG = Logger.getLogger(ConstraintViolationProblemMapper.class);

  @Context
  UriInfo uri;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    boolean onResult = e.getConstraintViolations().stream().anyMatch(v -> onReturnValue(v.getPropertyPath()));
    if (onResult) {
      LOG.errorf("response failed validation: %s", e.getMessage());
      return Problems.response(Problem.of("internal", "Internal error", 500, "the server produced an invalid response",
          Problems.instance(uri)));
    }
    return Problems.response(Problem.validation(Problems.fieldErrors(e.getConstraintViolations()), Problems.instance(uri)));
  }

  private static boolean onReturnValue(Path path) {
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }
}
