package dev.plimsoll.promql.storage;

import dev.plimsoll.exposition.Labels;

/**
 * One series' samples in a ring buffer of two primitive arrays. Guarded by its own monitor: the single
 * writer holds it for one append, a reader for one copy of the (small) requested range, so neither
 * waits long and readers never see a half-written sample. Copy-on-read keeps the lock out of the
 * evaluator entirely.
 */
final class MemSeries {
  final Labels labels;
  private final int maxCapacity;
  private long[] ts;
  private double[] vals;
  private int head; // physical index of the oldest sample
  private int size;

  MemSeries(Labels labels, int initialCapacity, int maxCapacity) {
    this.labels = labels;
    this.maxCapacity = maxCapacity;
    int cap = Math.max(1, Math.min(initialCapacity, maxCapacity));
    this.ts = new long[cap];
    this.vals = new double[cap];
  }

  synchronized AppendResult append(long t, double v) {
    if (size > 0) {
      int last = physical(size - 1);
      if (t < ts[last]) {
        return AppendResult.OUT_OF_ORDER;
      }
      if (t == ts[last]) {
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(vals[last])
            ? AppendResult.DUPLICATE : AppendResult.OUT_OF_ORDER;
      }
    }
    if (size == ts.length) {
      if (ts.length < maxCapacity) {
        grow(Math.min(maxCapacity, Math.max(2, ts.length * 2)));
      } else {
        // Full at the bound: the oldest sample makes room (the ring wraps).
        head = (head + 1) % ts.length;
        size--;
      }
    }
    int i = physical(size);
    ts[i] = t;
    vals[i] = v;
    size++;
    return AppendResult.APPENDED;
  }

  private void grow(int newCap) {
    long[] nts = new long[newCap];
    double[] nvals = new double[newCap];
    for (int k = 0; k < size; k++) {
      int p = physical(k);
      nts[k] = ts[p];
      nvals[k] = vals[p];
    }
    ts = nts;
    vals = nvals;
    head = 0;
  }

  private int physical(int logical) {
    int p = head + logical;
    return p >= ts.length ? p - ts.length : p;
  }

  /** Logical index of the first sample with timestamp >= t (size when none). */
  private int lowerBound(long t) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[physical(mid)] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Drops samples older than {@code t}; returns how many remain. */
  synchronized int trimBefore(long t) {
    int drop = lowerBound(t);
    if (drop > 0) {
      head = physical(drop);
      size -= drop;
      if (size == 0) {
        head = 0;
      }
    }
    return size;
  }

  /** A copy of the samples with {@code minT <= t <= maxT}, or null when there are none. */
  synchronized SeriesSamples copy(long minT, long maxT) {
    if (size == 0 || minT > maxT) {
      return null;
    }
    int from = lowerBound(minT);
    int to = maxT == Long.MAX_VALUE ? size : lowerBound(maxT + 1);
    if (from >= to) {
      return null;
    }
    int n = to - from;
    long[] t = new long[n];
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      int p = physical(from + k);
      t[k] = ts[p];
      v[k] = vals[p];
    }
    return new SeriesSamples(labels, t, v);
  }

  synchronized int size() {
    return size;
  }

  synchronized int capacity() {
    return ts.length;
  }
}
