package dev.plimsoll.collector.problem;

import dev.plimsoll.events.Problem;
import java.util.List;

/** A request the collector refuses, with every field error (400) or a conflict (409), shown as problem+json. */
public class InvalidRequestException extends RuntimeException {
  private final int status;
  private final List<Problem.FieldError> errors;

  private InvalidRequestException(int status, String message, List<Problem.FieldError> errors) {
    super(message, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** A 400 naming every field that is wrong. */
  public static InvalidRequestException invalid(List<Problem.FieldError> errors) {
    return new InvalidRequestException(400, errors.size() + " invalid field(s)", errors);
  }

  /** A 409 conflict. */
  public static InvalidRequestException conflict(String message) {
    return new InvalidRequestException(409, message, List.of());
  }

  public int status() {
    return status;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}
