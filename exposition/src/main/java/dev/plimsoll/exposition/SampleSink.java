package dev.plimsoll.exposition;

/**
 * Receives what a {@link ExpositionReader} reads, in input order. A body that fails to parse may
 * already have delivered some samples: a consumer that must not keep part of a bad scrape buffers
 * them until {@link ExpositionReader#read} returns.
 */
public interface SampleSink {
  /** The timestamp of a sample that has none. */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  /**
   * One sample.
   *
   * @param family the name of the family it belongs to
   * @param type that family's type
   * @param series its series (the same instance for the same series when a {@link SeriesCache} is used)
   * @param value its value; may be NaN or infinite
   * @param timestampMillis its exposed timestamp in milliseconds, or {@link #NO_TIMESTAMP}
   * @param exemplar its exemplar, or null
   */
  void sample(String family, MetricType type, Series series, double value, long timestampMillis, Exemplar exemplar);

  /** A family has ended (called after its last sample). */
  default void family(Family family) {}
}
