package dev.plimsoll.scaling;

/**
 * One metric's recent values, oldest first, in two growable primitive rings (16 bytes a value, no object per
 * value): a workload evaluated every second with a 300 s lookback keeps 300 values per metric. Capacities are
 * powers of two, so an index wraps with a mask.
 */
final class SampleRing {
  private long[] times = new long[16];
  private double[] values = new double[16];
  private int head;
  private int size;

  void add(long at, double value) {
    if (size == times.length) {
      grow();
    }
    int i = (head + size) & (times.length - 1);
    times[i] = at;
    values[i] = value;
    size++;
  }

  /** Drops the values at or before {@code cutoff}. */
  void dropUntil(long cutoff) {
    while (size > 0 && times[head] <= cutoff) {
      head = (head + 1) & (times.length - 1);
      size--;
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[(head + i) & (times.length - 1)];
  }

  double value(int i) {
    return values[(head + i) & (values.length - 1)];
  }

  private void grow() {
    long[] t = new long[times.length * 2];
    double[] v = new double[values.length * 2];
    for (int i = 0; i < size; i++) {
      t[i] = time(i);
      v[i] = value(i);
    }
    times = t;
    values = v;
    head = 0;
  }
}
