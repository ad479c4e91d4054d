package dev.plimsoll.scaler.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigInteger;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every error of the REST API to {@code application/problem+json} ({@link Problem}); never a stack
 * trace or a class name in the body.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public RestResponse<Problem> problem(ProblemException e, UriInfo uri) {
    return respond(Problem.of(e.kind(), e.title(), e.status(), e.getMessage(), instance(uri)));
  }

  /** Bean Validation: one field error per violation, the field being the path inside the body or the parameter name. */
  @ServerExceptionMapper
  public RestResponse<Problem> validation(ConstraintViolationException e, UriInfo uri) {
    boolean onResult = e.getConstraintViolations().stream()
        .anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
    if (onResult) {
      LOG.errorf("response failed validation: %s", e.getMessage());
      return respond(Problem.of("internal", "Internal error", 500, "the server produced an invalid response", instance(uri)));
    }
    List<FieldError> errors = e.getConstraintViolations().stream()
        .map(v -> new FieldError(field(v), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
        .toList();
    return respond(Problem.validation(errors, instance(uri)));
  }

  /** A body Jackson could not bind without a path to blame (rare: wrong-typed fields arrive as the two below). */
  @ServerExceptionMapper
  public RestResponse<Problem> unreadableJson(JsonProcessingException e, UriInfo uri) {
    return respond(Problem.of("malformed-request", "Malformed request body", 400, describe(e), instance(uri)));
  }

  /**
   * A value of the wrong type, e.g. {@code "minReplicas":"two"} ({@link MismatchedInputException}, including its
   * {@code InvalidFormatException}), which Quarkus REST rethrows unwrapped: a validation problem with one field
   * error at the value's JSON path. Named on its own so that it wins over Quarkus's built-in mapper for this
   * exception, which answers plain JSON.
   */
  @ServerExceptionMapper
  public RestResponse<Problem> mismatchedJson(MismatchedInputException e, UriInfo uri) {
    return respond(Problem.validation(List.of(new FieldError(jsonPath(e), expected(e.getTargetType()))), instance(uri)));
  }

  /** Unknown paths (404), wrong methods (405), unsupported media types (415), unparsable JSON (400), and the like. */
  @ServerExceptionMapper
  public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      // Quarkus REST wraps the other binding failures, e.g. a number too large for its field (InputCoercionException)
      return respond(Problem.validation(List.of(new FieldError(jsonPath(mapping), outOfRange(mapping))), instance(uri)));
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      return respond(Problem.of("malformed-request", "Malformed request body", 400, describe(json), instance(uri)));
    }
    Response.StatusType statusInfo = Response.Status.fromStatusCode(status);
    String title = statusInfo == null ? "HTTP " + status : statusInfo.getReasonPhrase();
    String detail = switch (status) {
      case 404 -> "no resource at " + uri.getPath();
      case 405 -> "method not allowed on " + uri.getPath();
      case 406 -> "no acceptable representation; this API produces application/json";
      case 415 -> "unsupported media type; send application/json";
      case 400 -> "the request could not be read";
      default -> title;
    };
    if (status >= 500) {
      LOG.error("request failed", e);
    }
    return respond(Problem.of(kindOf(status), title, status, detail, instance(uri)));
  }

  /** Anything else is a bug or an outage: logged with its stack trace, answered without one. */
  @ServerExceptionMapper(priority = 10_000)
  public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
    LOG.error("request failed", e);
    return respond(Problem.of("internal", "Internal error", 500, "the request failed on the server; see the scaler's log", instance(uri)));
  }

  static RestResponse<Problem> respond(Problem problem) {
    return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
  }

  static URI instance(UriInfo uri) {
    try {
      return URI.create(uri.getRequestUri().getRawPath());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String kindOf(int status) {
    return switch (status) {
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 415 -> "unsupported-media-type";
      case 400 -> "bad-request";
      default -> status >= 500 ? "internal" : "http-" + status;
    };
  }

  /** The path of the offending value without the method and parameter prefix, e.g. {@code maxReplicas} or {@code limit}. */
  static String field(ConstraintViolation<?> v) {
    List<String> names = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : v.getPropertyPath()) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER) {
        continue;
      }
      if (kind == ElementKind.PARAMETER) {
        parameter = node.getName();
        continue;
      }
      if (node.getName() != null) {
        names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
      }
    }
    if (!names.isEmpty()) {
      return String.join(".", names);
    }
    return parameter != null ? parameter : "body";
  }

  private static List<ElementKind> kinds(Path path) {
    List<ElementKind> kinds = new ArrayList<>();
    path.forEach(n -> kinds.add(n.getKind()));
    return kinds;
  }

  /** The JSON path of the offending value, e.g. {@code minReplicas} or {@code items[2].name}; {@code body} for the whole body. */
  static String jsonPath(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    return path.isEmpty() ? "body" : path;
  }

  /** What a JSON value bound to this Java type must look like, in API words (never the type's name). */
  static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (INTEGERS.contains(type)) {
      return "must be an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class || Number.class.isAssignableFrom(type)) {
      return "must be a number";
    }
    if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
      return "must be a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "must be an ISO-8601 date-time";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "must be an array";
    }
    if (type.isEnum() || type.isPrimitive()) {
      return "has the wrong type";
    }
    return "must be a JSON object";
  }

  private static final List<Class<?>> INTEGERS = List.of(Integer.class, int.class, Long.class, long.class, Short.class,
      short.class, Byte.class, byte.class, BigInteger.class);

  /** The message of a wrapped binding failure: a number out of its field's range, or else a generic wrong type. */
  private static String outOfRange(JsonMappingException e) {
    if (e.getCause() instanceof InputCoercionException coercion) {
      Class<?> type = coercion.getTargetType();
      if (type == Integer.class || type == int.class) {
        return "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      }
      if (type == Long.class || type == long.class) {
        return "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      }
      return "is out of range";
    }
    return "has a value of the wrong type or format";
  }

  /** A readable account of a JSON problem, naming the field but no Java type. */
  static String describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "field '" + jsonPath(mapping) + "' has a value of the wrong type or format";
    }
    if (e instanceof StreamReadException) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return "the request body is not valid JSON" + where;
    }
    return "the request body could not be read as the expected JSON object";
  }
}
