package dev.plimsoll.promql.storage;

import dev.plimsoll.exposition.Labels;

/**
 * A copy of one series' samples in a time range, oldest first. The arrays belong to the caller (the
 * store copies on read), so equality is identity, as for any record holding arrays.
 *
 * @param labels the series identity, including {@code __name__}
 * @param timestamps sample times in milliseconds since the epoch, strictly increasing
 * @param values sample values; may hold {@link StaleNaN} markers
 */
public record SeriesSamples(Labels labels, long[] timestamps, double[] values) {
  public int size() {
    return timestamps.length;
  }
}
