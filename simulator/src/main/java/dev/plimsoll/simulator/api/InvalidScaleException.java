package dev.plimsoll.simulator.api;

import dev.plimsoll.events.Problem.FieldError;
import java.util.List;

/** A scale request that asks for an impossible replica count (400 with one error per field). */
public class InvalidScaleException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidScaleException(List<FieldError> errors) {
    super(errors.size() + " field(s) invalid");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
