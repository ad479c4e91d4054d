package dev.plimsoll.collector.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ring buffer's bounds, table-driven: points are written "t=v" with t in milliseconds. */
class SeriesWindowTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | max age ms | max points | added (t=v ...)               | kept (t=v ...)
      keeps everything within bounds          | 10000      | 5          | 1000=1 2000=2 3000=3          | 1000=1 2000=2 3000=3
      max points drops the oldest             | 10000      | 3          | 1000=1 2000=2 3000=3 4000=4   | 2000=2 3000=3 4000=4
      max points wraps around repeatedly      | 10000      | 2          | 1=1 2=2 3=3 4=4 5=5 6=6 7=7   | 6=6 7=7
      max age is relative to the newest point | 2000       | 10         | 1000=1 2000=2 3000=3 4000=4   | 2000=2 3000=3 4000=4
      a point older than the newest is dropped| 10000      | 5          | 1000=1 3000=3 2000=2          | 1000=1 3000=3
      an equal timestamp replaces the value   | 10000      | 5          | 1000=1 2000=2 2000=5          | 1000=1 2000=5
      one point                               | 10000      | 1          | 1000=1                        | 1000=1
      a big gap evicts all older points       | 1000       | 5          | 1000=1 2000=2 9000=9          | 9000=9
      """)
  void keepsPointsWithinItsBounds(String name, long maxAgeMillis, int maxPoints, String added, String kept) {
    var window = new SeriesWindow(Duration.ofMillis(maxAgeMillis), maxPoints);
    for (Point p : points(added)) {
      window.add(p.timestampMillis(), p.value());
    }
    List<Point> expected = points(kept);
    assertEquals(expected, window.points());
    assertEquals(expected.size(), window.size());
    assertEquals(expected.get(expected.size() - 1), window.latest());
  }

  @ParameterizedTest(name = "evict before {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # cutoff ms | kept
      0           | 1000=1 2000=2 3000=3
      2000        | 2000=2 3000=3
      2001        | 3000=3
      9999        | ''
      """)
  void evictBeforeDropsOlderPoints(long cutoff, String kept) {
    var window = new SeriesWindow(Duration.ofHours(1), 10);
    window.add(1000, 1);
    window.add(2000, 2);
    window.add(3000, 3);
    window.evictBefore(cutoff);
    assertEquals(points(kept), window.points());
  }

  @Test
  void emptyWindowHasNoLatestPoint() {
    var window = new SeriesWindow(Duration.ofSeconds(1), 1);
    assertNull(window.latest());
    assertEquals(0, window.size());
  }

  @Test
  void rejectsUselessBounds() {
    assertThrows(IllegalArgumentException.class, () -> new SeriesWindow(Duration.ZERO, 1));
    assertThrows(IllegalArgumentException.class, () -> new SeriesWindow(Duration.ofSeconds(1), 0));
  }

  /** "t=v t=v" to points. */
  static List<Point> points(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    return Arrays.stream(spec.trim().split("\\s+")).map(p -> {
      String[] tv = p.split("=");
      return new Point(Long.parseLong(tv[0]), Double.parseDouble(tv[1]));
    }).collect(Collectors.toList());
  }
}
