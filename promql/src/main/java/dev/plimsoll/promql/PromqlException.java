package dev.plimsoll.promql;

/**
 * The only exception type the parser, the evaluator and the store let escape, so that a caller (an
 * HTTP API, a fuzzer) can catch one type and map it. Unchecked because most callers can only report it.
 */
public class PromqlException extends RuntimeException {
  public PromqlException(String message) {
    super(message);
  }

  public PromqlException(String message, Throwable cause) {
    super(message, cause);
  }
}
