package dev.plimsoll.cost.report;

/** A request parameter that cannot be used; becomes a 400 validation problem naming the parameter. */
public class InvalidParameterException extends RuntimeException {
  private final String parameter;

  public InvalidParameterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
