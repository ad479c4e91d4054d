package dev.plimsoll.promql.eval;

import dev.plimsoll.promql.PromqlException;

/**
 * Engine settings.
 *
 * @param lookbackDeltaMillis how far back an instant selector looks for a series' latest sample;
 *     Prometheus' default is 5 minutes
 * @param maxSamples the most samples one query may hold at once (selected samples of the step being
 *     evaluated plus the points of the result built so far); beyond it the query fails with
 *     {@link dev.plimsoll.promql.TooManySamplesException}
 */
public record EngineOptions(long lookbackDeltaMillis, int maxSamples) {
  /** 5 minutes of lookback, 50 million samples (Prometheus' {@code --query.max-samples} default). */
  public static final EngineOptions DEFAULTS = new EngineOptions(300_000, 50_000_000);

  public EngineOptions {
    if (lookbackDeltaMillis <= 0 || maxSamples <= 0) {
      throw new PromqlException("lookback delta and max samples must be positive");
    }
  }
}
