package dev.plimsoll.fleet;

/**
 * Told when a request gets its first token and when it completes, in simulated seconds (the per-request outcomes a
 * backtest measures SLOs on). The default is to observe nothing.
 */
public interface RequestObserver {
  RequestObserver NONE = new RequestObserver() {};

  /** The request's first token came out of the prefill at {@code at}. */
  default void firstToken(InferenceRequest request, double at) {}

  /** The request finished at {@code at}. */
  default void completed(InferenceRequest request, double at) {}
}
