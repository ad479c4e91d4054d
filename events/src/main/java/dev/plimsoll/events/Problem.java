package dev.plimsoll.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * RFC 9457 problem details, the body of every error response of the suite (media type
 * {@code application/problem+json}). {@code type} is a URI documented under
 * {@code https://plimsoll.dev/problems/}; {@code detail} is for humans, never a stack trace.
 *
 * @param errors one entry per invalid field, only for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String BASE = "https://plimsoll.dev/problems/";

  /** A problem of the given kind, for example {@code of("unknown-fleet", "Unknown fleet", 404, ...)}. */
  public static Problem of(String kind, String title, int status, String detail, URI instance) {
    return new Problem(URI.create(BASE + kind), title, status, detail, instance, null);
  }

  /** A 400 listing every invalid field. */
  public static Problem validation(List<FieldError> errors, URI instance) {
    return new Problem(URI.create(BASE + "validation"), "Invalid request", 400,
        errors.size() + " field(s) invalid", instance, List.copyOf(errors));
  }

  /** One invalid field: its path in the request body (for example {@code maxReplicas}) and why. */
  public record FieldError(String field, String message) {}
}
