package dev.plimsoll.scaler.web;

import dev.plimsoll.events.Problem;
import java.util.List;

/** A 400 naming every invalid field at its path in the request body. */
public class FieldErrorsException extends RuntimeException {
  private final List<Problem.FieldError> errors;

  public FieldErrorsException(List<Problem.FieldError> errors) {
    super(errors.size() + " invalid field(s)", null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}
