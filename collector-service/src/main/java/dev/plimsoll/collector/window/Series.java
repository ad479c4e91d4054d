package dev.plimsoll.collector.window;

import java.util.List;

/**
 * A copy of one series' window at the time it was read.
 *
 * @param key the series' name and labels
 * @param points its points, oldest first, timestamps strictly increasing
 */
public record Series(SeriesKey key, List<Point> points) {
  public Series {
    points = List.copyOf(points);
  }
}
