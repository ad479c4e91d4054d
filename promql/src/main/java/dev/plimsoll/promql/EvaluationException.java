package dev.plimsoll.promql;

/**
 * A valid query failed at evaluation time for a reason Prometheus also reports, e.g. "vector cannot
 * contain metrics with the same labelset". The message is Prometheus' text, so tests can compare it.
 */
public class EvaluationException extends PromqlException {
  public EvaluationException(String message) {
    super(message);
  }
}
