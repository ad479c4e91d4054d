package dev.plimsoll.collector.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.collector.window.Point;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rate()/increase() against hand-computed values of Prometheus' extrapolatedRate. Points are
 * "seconds=value"; the range is (start, end] in seconds.
 */
class RatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                               | start | end | points                    | increase | rate
      # samples 5 s from both ends, avg 10 s: extrapolate 5 s each way, factor (20+5+5)/20 = 1.5
      steady counter                       | 0     | 30  | 5=10 15=20 25=30          | 30       | 1.0
      # reset: 5-10 = -5, +20 lost at the reset = 15; x1.5
      counter reset                        | 0     | 30  | 5=10 15=20 25=5           | 22.5     | 0.75
      # reset to zero: 10-100 = -90, +100 = 10; x1.5
      reset to zero                        | 0     | 30  | 5=100 15=0 25=10          | 15       | 0.5
      # zero point 20*(1/20) = 1 s before the first sample < 5 s: factor (20+1+5)/20 = 1.3
      no extrapolation below zero          | 0     | 30  | 5=1 15=11 25=21           | 26       | 0.8666666666666667
      # first sample 40 s after start >= 1.1 * 10 s: only 5 s back; end 10 s < 11 s: factor (10+5+10)/10
      series starting inside the range     | 0     | 60  | 40=100 50=110             | 25       | 0.4166666666666667
      # the sample at the start is outside the left-open range, the one after the end too: factor 3
      range is (start, end]                | 10    | 40  | 10=0 20=10 30=20 50=99    | 30       | 1.0
      flat counter is a real zero          | 0     | 30  | 5=7 15=7 25=7             | 0        | 0.0
      """)
  void matchesPrometheus(String name, double start, double end, String points, double increase, double rate) {
    List<Point> series = points(points);
    long s = (long) (start * 1000);
    long e = (long) (end * 1000);
    assertEquals(increase, Rates.increase(series, s, e).orElseThrow(), 1e-9, "increase");
    assertEquals(rate, Rates.rate(series, s, e).orElseThrow(), 1e-9, "rate");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                               | start | end | points
      no points                            | 0     | 30  | ''
      a single point                       | 0     | 30  | 25=10
      a single point inside the range      | 10    | 30  | 5=1 25=10 35=20
      """)
  void needsTwoPointsInTheRange(String name, double start, double end, String points) {
    OptionalDouble rate = Rates.rate(points(points), (long) (start * 1000), (long) (end * 1000));
    assertTrue(rate.isEmpty());
  }

  /** "seconds=value ..." to points. */
  static List<Point> points(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    return Arrays.stream(spec.trim().split("\\s+")).map(p -> {
      String[] tv = p.split("=");
      return new Point(Math.round(Double.parseDouble(tv[0]) * 1000), Double.parseDouble(tv[1]));
    }).toList();
  }
}
