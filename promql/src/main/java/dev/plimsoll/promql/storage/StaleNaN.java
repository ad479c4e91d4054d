package dev.plimsoll.promql.storage;

/**
 * Prometheus' staleness marker: a NaN with a specific bit pattern, appended when a series disappears
 * from a scrape. It must be compared by bits, because every NaN compares unequal to everything.
 */
public final class StaleNaN {
  /** The bit pattern Prometheus writes ({@code value.StaleNaN}). */
  public static final long BITS = 0x7ff0000000000002L;

  /** The marker as a double; store it as is, the ring buffers keep the bits. */
  public static final double VALUE = Double.longBitsToDouble(BITS);

  private StaleNaN() {}

  public static boolean is(double v) {
    return Double.doubleToRawLongBits(v) == BITS;
  }
}
