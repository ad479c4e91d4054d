package dev.plimsoll.fleet;

/**
 * One LLM request of a trace.
 *
 * @param id           unique within a run (trace row ordinal; loops of a trace get new ids)
 * @param arrival      arrival time in simulated seconds since the start of the run
 * @param promptTokens tokens of context to prefill, {@code >= 0}
 * @param outputTokens tokens to generate, {@code >= 0}; the first one comes out of the prefill step
 */
public record InferenceRequest(long id, double arrival, int promptTokens, int outputTokens) {

  public InferenceRequest {
    if (!Double.isFinite(arrival) || arrival < 0) {
      throw new IllegalArgumentException("arrival must be a finite number of seconds >= 0, got " + arrival);
    }
    if (promptTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0, got prompt=" + promptTokens + " output=" + outputTokens);
    }
  }

  /** KV-cache tokens the request holds once it has generated everything: prompt plus output. */
  public long kvFootprint() {
    return (long) promptTokens + outputTokens;
  }

  /** The same request arriving at another time (for replays with a load multiplier or a loop). */
  public InferenceRequest withArrival(long newId, double newArrival) {
    return new InferenceRequest(newId, newArrival, promptTokens, outputTokens);
  }
}
