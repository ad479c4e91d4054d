package dev.plimsoll.promql;

/** A query would hold more samples in memory than the engine's configured limit allows. */
public class TooManySamplesException extends EvaluationException {
  public TooManySamplesException() {
    super("query processing would load too many samples into memory in query execution");
  }
}
