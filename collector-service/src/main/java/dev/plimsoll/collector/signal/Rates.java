package dev.plimsoll.collector.signal;

import dev.plimsoll.collector.window.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * PromQL's {@code rate()} and {@code increase()} over one series: Prometheus' {@code extrapolatedRate}
 * for float samples, including its counter-reset correction and its extrapolation to the range
 * boundaries (only up to half an average sample interval past the first/last sample when they are far
 * from the boundary, and never below a counter's zero point).
 */
public final class Rates {

  private Rates() {}

  /**
   * The points with {@code rangeStart < t <= rangeEnd}, the samples a PromQL range selector sees at
   * {@code rangeEnd} (the range is left-open since Prometheus 3).
   */
  public static List<Point> inRange(List<Point> points, long rangeStartMillis, long rangeEndMillis) {
    var out = new ArrayList<Point>(points.size());
    for (Point p : points) {
      if (p.timestampMillis() > rangeStartMillis && p.timestampMillis() <= rangeEndMillis) {
        out.add(p);
      }
    }
    return out;
  }

  /** {@code rate(counter[range])} in units per second: empty with fewer than two points in the range. */
  public static OptionalDouble rate(List<Point> points, long rangeStartMillis, long rangeEndMillis) {
    return extrapolatedRate(inRange(points, rangeStartMillis, rangeEndMillis), rangeStartMillis, rangeEndMillis, true, true);
  }

  /** {@code increase(counter[range])}: empty with fewer than two points in the range. */
  public static OptionalDouble increase(List<Point> points, long rangeStartMillis, long rangeEndMillis) {
    return extrapolatedRate(inRange(points, rangeStartMillis, rangeEndMillis), rangeStartMillis, rangeEndMillis, true, false);
  }

  /**
   * Prometheus' {@code extrapolatedRate} over samples already restricted to the range.
   *
   * @param samples the range's samples, oldest first, strictly increasing timestamps
   * @param isCounter correct for counter resets and do not extrapolate below zero
   * @param isRate divide by the range in seconds
   */
  static OptionalDouble extrapolatedRate(List<Point> samples, long rangeStartMillis, long rangeEndMillis, boolean isCounter, boolean isRate) {
    if (samples.size() < 2) {
      return OptionalDouble.empty();
    }
    Point first = samples.get(0);
    Point last = samples.get(samples.size() - 1);
    double result = last.value() - first.value();
    if (isCounter) {
      // A decrease is a counter reset: the counter restarted from zero, so the value before the reset
      // was lost from the difference and is added back.
      for (int i = 1; i < samples.size(); i++) {
        double previous = samples.get(i - 1).value();
        if (samples.get(i).value() < previous) {
          result += previous;
        }
      }
    }
    double durationToStart = (first.timestampMillis() - rangeStartMillis) / 1000.0;
    double durationToEnd = (rangeEndMillis - last.timestampMillis()) / 1000.0;
    double sampledInterval = (last.timestampMillis() - first.timestampMillis()) / 1000.0;
    double averageDurationBetweenSamples = sampledInterval / (samples.size() - 1);

    // Extrapolate all the way to a boundary only when a sample is within 110 % of the average interval
    // of it; otherwise the series probably starts or ends inside the range: extrapolate by half an interval.
    double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
    if (durationToStart >= extrapolationThreshold) {
      durationToStart = averageDurationBetweenSamples / 2;
    }
    if (isCounter && result > 0 && first.value() >= 0) {
      // Counters cannot be negative: do not extrapolate to before the counter's zero point.
      double durationToZero = sampledInterval * (first.value() / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= extrapolationThreshold) {
      durationToEnd = averageDurationBetweenSamples / 2;
    }
    double factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    if (isRate) {
      factor /= (rangeEndMillis - rangeStartMillis) / 1000.0;
    }
    return OptionalDouble.of(result * factor);
  }
}
