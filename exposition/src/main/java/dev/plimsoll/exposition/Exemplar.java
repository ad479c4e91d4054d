package dev.plimsoll.exposition;

/**
 * An OpenMetrics exemplar attached to a counter or bucket sample.
 *
 * @param labels its labels (for example a trace id)
 * @param value its value
 * @param timestampMillis its timestamp in milliseconds since the epoch, or {@link SampleSink#NO_TIMESTAMP}
 */
public record Exemplar(Labels labels, double value, long timestampMillis) {}
