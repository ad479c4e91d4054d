package dev.plimsoll.web.problem;

import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The pieces every RFC 9457 exception mapper of the suite needs: the response, the {@code instance}, the kind and title of
 * an HTTP status, and the field a Bean Validation violation is about. Services use them in their own mappers too.
 */
public final class Problems {

  private Problems() {}

  /** {@code problem} as a response with its status and the media type {@code application/problem+json}. */
  public static Response response(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** The request's path, still percent-encoded, as the problem's {@code instance}, e.g. {@code /api/v1/fleets/nope}; null without one. */
  public static URI instance(UriInfo uri) {
    try {
      return uri == null ? null : URI.create(uri.getRequestUri().getRawPath());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The request's decoded path, for a detail (e.g. {@code /api/v1/nothing-here}); {@code ?} without one. */
  static String path(UriInfo uri) {
    try {
      return uri == null ? "?" : uri.getPath();
    } catch (RuntimeException e) {
      return "?";
    }
  }

  /** The reason phrase of {@code status}, e.g. {@code Not Found}; {@code HTTP 599} for a status JAX-RS does not name. */
  public static String title(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known == null ? "HTTP " + status : known.getReasonPhrase();
  }

  /** The problem kind of {@code status}, e.g. {@code not-found} or {@code method-not-allowed}; {@code http-599} for one JAX-RS does not name. */
  public static String kind(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known == null ? "http-" + status : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** One field error per violation, sorted by field, then message. */
  public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
    return violations.stream()
        .map(v -> new FieldError(field(v.getPropertyPath()), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
        .toList();
  }

  /**
   * The path of the offending value without the method and parameter nodes: {@code create.body.maxReplicas} becomes
   * {@code maxReplicas}, {@code create.body.items[2].name} becomes {@code items[2].name}; a violation on a parameter itself
   * (e.g. {@code list.limit}) is named after the parameter, and one on the whole body is {@code body}.
   */
  public static String field(Path path) {
    List<String> tokens = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : path) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
          || kind == ElementKind.RETURN_VALUE) {
        continue;
      }
      if (kind == ElementKind.PARAMETER) {
        parameter = node.getName();
        continue;
      }
      if (node.isInIterable()) {
        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
        if (at != null) {
          tokens.add("[" + at + "]");
        }
      }
      if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
        tokens.add(node.getName());
      }
    }
    if (tokens.isEmpty()) {
      return parameter != null ? parameter : "body";
    }
    return String.join(".", tokens).replace(".[", "[");
  }
}
