package dev.plimsoll.promql.parse;

/** The static type of an expression, as PromQL's type checker knows it. */
public enum ValueType {
  SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

  private final String documented;

  ValueType(String documented) {
    this.documented = documented;
  }

  /** The name Prometheus' error messages use, e.g. {@code instant vector}. */
  public String documented() {
    return documented;
  }
}
