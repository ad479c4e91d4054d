package dev.plimsoll.collector.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A ring buffer of one series' most recent points, bounded by a maximum age (relative to the newest
 * point) and a maximum number of points. Timestamps are strictly increasing: a point older than the
 * newest one is dropped, a point with the newest one's timestamp replaces its value.
 */
public final class SeriesWindow {
  private final long maxAgeMillis;
  private final long[] timestamps;
  private final double[] values;
  private int head; // index of the oldest point
  private int size;

  /**
   * @param maxAge points older than the newest point minus this are evicted
   * @param maxPoints at most this many points are kept (the oldest go first)
   */
  public SeriesWindow(Duration maxAge, int maxPoints) {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
    if (maxPoints < 1) {
      throw new IllegalArgumentException("maxPoints must be at least 1, was " + maxPoints);
    }
    this.maxAgeMillis = maxAge.toMillis();
    this.timestamps = new long[maxPoints];
    this.values = new double[maxPoints];
  }

  /**
   * Adds a point.
   *
   * @return false when the point was dropped because it is older than the newest point
   */
  public synchronized boolean add(long timestampMillis, double value) {
    if (size > 0) {
      int newest = index(size - 1);
      if (timestampMillis < timestamps[newest]) {
        return false;
      }
      if (timestampMillis == timestamps[newest]) {
        values[newest] = value;
        return true;
      }
    }
    if (size == timestamps.length) {
      head = (head + 1) % timestamps.length;
      size--;
    }
    int slot = index(size);
    timestamps[slot] = timestampMillis;
    values[slot] = value;
    size++;
    evictBefore(timestampMillis - maxAgeMillis);
    return true;
  }

  /** Drops the points taken before {@code cutoffMillis}. */
  public synchronized void evictBefore(long cutoffMillis) {
    while (size > 0 && timestamps[head] < cutoffMillis) {
      head = (head + 1) % timestamps.length;
      size--;
    }
  }

  /** Every point, oldest first. */
  public synchronized List<Point> points() {
    var out = new ArrayList<Point>(size);
    for (int i = 0; i < size; i++) {
      int k = index(i);
      out.add(new Point(timestamps[k], values[k]));
    }
    return out;
  }

  /** The newest point, or null when the window is empty. */
  public synchronized Point latest() {
    if (size == 0) {
      return null;
    }
    int k = index(size - 1);
    return new Point(timestamps[k], values[k]);
  }

  public synchronized int size() {
    return size;
  }

  public synchronized boolean isEmpty() {
    return size == 0;
  }

  private int index(int i) {
    return (head + i) % timestamps.length;
  }
}
