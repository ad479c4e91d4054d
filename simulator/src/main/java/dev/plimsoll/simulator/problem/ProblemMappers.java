package dev.plimsoll.simulator.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.simulator.api.InvalidScaleException;
import dev.plimsoll.simulator.sim.ReplicaNotReadyException;
import dev.plimsoll.simulator.sim.UnknownFleetException;
import dev.plimsoll.simulator.sim.UnknownReplicaException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into RFC 9457 {@code application/problem+json}; never a stack trace or a class name. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  private final ObjectMapper mapper;

  public ProblemMappers(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @ServerExceptionMapper
  public Response unknownFleet(UnknownFleetException e, UriInfo uri) {
    return problem(Problem.of("unknown-fleet", "Unknown fleet", 404, e.getMessage(), instance(uri)));
  }

  @ServerExceptionMapper
  public Response unknownReplica(UnknownReplicaException e, UriInfo uri) {
    return problem(Problem.of("unknown-replica", "Unknown replica", 404, e.getMessage(), instance(uri)));
  }

  @ServerExceptionMapper
  public Response replicaNotReady(ReplicaNotReadyException e, UriInfo uri) {
    return problem(Problem.of("replica-not-ready", "Replica not ready", 503, e.getMessage(), instance(uri)));
  }

  @ServerExceptionMapper
  public Response invalidScale(InvalidScaleException e, UriInfo uri) {
    return problem(Problem.validation(e.errors(), instance(uri)));
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new FieldError(field(v.getPropertyPath()), v.getMessage()));
    }
    errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
    return problem(Problem.validation(errors, instance(uri)));
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
    return problem(Problem.of("invalid-json", "Invalid JSON", 400,
        "the request body is not valid JSON for this operation", instance(uri)));
  }

  /** Well-formed JSON with a value of the wrong type, e.g. {@code {"replicas": "three"}}. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    String field = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
        .collect(Collectors.joining("."));
    if (field.isEmpty()) {
      return unreadableJson(e, uri);
    }
    return problem(Problem.validation(List.of(new FieldError(field, "has the wrong type")), instance(uri)));
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return problem(Problem.of("not-found", "Not found", 404, "no resource at this path", instance(uri)));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "HTTP " + status : type.getReasonPhrase();
    String detail = status == 400 && e.getCause() != null ? "the request body could not be read" : title;
    return problem(Problem.of("http-" + status, title, status, detail, instance(uri)));
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e, UriInfo uri) {
    LOG.error("unexpected error on " + (uri == null ? "?" : uri.getPath()), e);
    return problem(Problem.of("internal", "Internal error", 500, "an unexpected error occurred; see the simulator log",
        instance(uri)));
  }

  /** The property path without the method and parameter names, e.g. {@code putScale.request.replicas} -> {@code replicas}. */
  static String field(Path path) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : path) {
      switch (node.getKind()) {
        case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> names.clear();
        default -> {
          if (node.getName() != null) {
            names.add(node.getName());
          }
        }
      }
    }
    return names.isEmpty() ? "body" : String.join(".", names);
  }

  private Response problem(Problem problem) {
    String body;
    try {
      body = mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
    }
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  private static URI instance(UriInfo uri) {
    try {
      return uri == null ? null : URI.create(uri.getPath());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
