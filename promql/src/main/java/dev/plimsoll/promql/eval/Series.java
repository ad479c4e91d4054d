package dev.plimsoll.promql.eval;

import dev.plimsoll.exposition.Labels;

/**
 * One series of a {@link Matrix}: its labels and points, oldest first. The arrays are the caller's;
 * equality is identity, as for any record holding arrays.
 */
public record Series(Labels labels, long[] timestamps, double[] values) {
  public int size() {
    return timestamps.length;
  }
}
