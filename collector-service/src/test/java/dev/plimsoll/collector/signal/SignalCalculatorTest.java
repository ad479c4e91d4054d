package dev.plimsoll.collector.signal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.plimsoll.exposition.Labels;
import dev.plimsoll.collector.window.Point;
import dev.plimsoll.collector.window.Series;
import dev.plimsoll.collector.window.SeriesKey;
import dev.plimsoll.events.MetricSnapshot.Signal;
import dev.plimsoll.events.SignalNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signals at now = 100 s over a 30 s window (range (70 s, 100 s]) with a 5 s staleness limit.
 *
 * <p>Targets are written as series separated by ";", each {@code target METRIC{k=v,...} seconds=value ...},
 * with METRIC one of W (waiting), R (running), KV, GPU (v0 KV name), GEN (generation tokens) and T
 * (TTFT buckets). Expected values are computed by hand in the comments; an empty value means "no data".
 */
class SignalCalculatorTest {
  private static final Instant NOW = Instant.ofEpochSecond(100);
  private static final Map<String, String> METRICS = Map.of(
      "W", VllmMetrics.NUM_REQUESTS_WAITING,
      "R", VllmMetrics.NUM_REQUESTS_RUNNING,
      "KV", VllmMetrics.KV_CACHE_USAGE_PERC,
      "GPU", VllmMetrics.GPU_CACHE_USAGE_PERC,
      "GEN", VllmMetrics.GENERATION_TOKENS_TOTAL,
      "T", VllmMetrics.TIME_TO_FIRST_TOKEN_SECONDS_BUCKET);

  private final SignalCalculator calculator = new SignalCalculator(Duration.ofSeconds(30), Duration.ofSeconds(5));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                 | series                                  | value | observed at | stale
      sum over targets                       | a W 99=3 ; b W 98=4                     | 7     | 99          | false
      the newest point counts                | a W 80=10 99=3                          | 3     | 99          | false
      sum over the series of one target      | a W{engine=0} 99=1 ; a W{engine=1} 97=2 | 3     | 99          | false
      a zero is a value                      | a W 99=0                                | 0     | 99          | false
      older than the staleness limit         | a W 90=5                                | 5     | 90          | true
      exactly at the staleness limit         | a W 95=5                                | 5     | 95          | false
      a stale target makes the sum's time    | a W 99=1 ; b W 80=2                     | 3     | 99          | false
      outside the window                     | a W 60=5                                |       |             | false
      at the window's open start             | a W 70=5                                |       |             | false
      points after now are not seen          | a W 99=1 101=9                          | 1     | 99          | false
      no series at all                       | ''                                      |       |             | false
      only other metrics                     | a R 99=1                                |       |             | false
      NaN is no data                         | a W 99=NaN                              |       |             | false
      """)
  void queueDepthIsTheSumOfLatestWaiting(String name, String series, Double value, Double observedAt, boolean stale) {
    assertSignal(compute(series).get(SignalNames.QUEUE_DEPTH), value, observedAt, stale);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                   | series                          | value | observed at | stale
      sum over targets                         | a R 99=2 ; b R 99=1             | 3     | 99          | false
      no data                                  | a W 99=2                        |       |             | false
      """)
  void requestsRunningIsTheSumOfLatestRunning(String name, String series, Double value, Double observedAt, boolean stale) {
    assertSignal(compute(series).get(SignalNames.REQUESTS_RUNNING), value, observedAt, stale);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                       | series                               | value | observed at | stale
      mean over targets                            | a KV 99=0.2 ; b KV 98=0.6            | 0.4   | 99          | false
      v0 name when the v1 name is missing          | a KV 99=0.2 ; b GPU 99=0.6           | 0.4   | 99          | false
      only the v0 name                             | a GPU 99=0.5                         | 0.5   | 99          | false
      the v1 name wins when both exist             | a KV 99=0.2 ; a GPU 99=0.9           | 0.2   | 99          | false
      v1 without data in the window falls back     | a KV 50=0.2 ; a GPU 99=0.9           | 0.9   | 99          | false
      mean over the series of one target           | a KV{engine=0} 99=0.1 ; a KV{engine=1} 99=0.3 ; b KV 99=0.8 | 0.4 | 99 | false
      no data                                      | a W 99=1                             |       |             | false
      """)
  void kvCacheUsageIsTheMeanWithV0Fallback(String name, String series, Double value, Double observedAt, boolean stale) {
    assertSignal(compute(series).get(SignalNames.KV_CACHE_USAGE), value, observedAt, stale);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                   | series                                         | value              | observed at | stale
      # 5 s to both ends, avg 10 s: increase 20 * (20+5+5)/20 = 30 over 30 s
      steady counter                           | a GEN 75=10 85=20 95=30                        | 1.0                | 95          | false
      # b: zero point at its first sample: 10 * (20+0+5)/20 = 12.5 over 30 s; plus a's 1.0
      sum over targets                         | a GEN 75=10 85=20 95=30 ; b GEN 75=0 85=5 95=10 | 1.4166666666666667 | 95          | false
      # 5-10+20 = 15, x1.5 = 22.5 over 30 s
      counter reset                            | a GEN 75=10 85=20 95=5                         | 0.75               | 95          | false
      a flat counter is a real zero            | a GEN 75=7 85=7 95=7                           | 0.0                | 95          | false
      a target with one point adds nothing     | a GEN 95=30 ; b GEN 75=10 85=20 95=30          | 1.0                | 95          | false
      a single point is no data                | a GEN 95=30                                    |                    |             | false
      points before the window are not used    | a GEN 40=1 60=2 95=30                          |                    |             | false
      no series                                | ''                                             |                    |             | false
      # 2 s to the start (zero point 8 s back), 20 s to the end > 1.1 * 8 s so only 4 s: 10 * (8+2+4)/8 = 17.5 over 30 s; newest 20 s old
      stale rate                               | a GEN 72=10 80=20                              | 0.5833333333333334 | 80          | true
      """)
  void generationTokensPerSecondIsTheSumOfRates(String name, String series, Double value, Double observedAt, boolean stale) {
    assertSignal(compute(series).get(SignalNames.GENERATION_TOKENS_PER_SECOND), value, observedAt, stale);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | series                                                                                                  | value | observed at | stale
      # increases 10/30/40/40 (x1.25 alike): rank 38 in (0.5, 1]: 0.5 + 0.5 * 8/10
      one target                              | a T{le=0.1} 75=0 95=10 ; a T{le=0.5} 75=0 95=30 ; a T{le=1} 75=0 95=40 ; a T{le=+Inf} 75=0 95=40           | 0.9   | 95          | false
      # a 10/20/20/20 plus b 0/10/20/20 per le (1 and 1.0 are the same bound) = 10/30/40/40
      summed per le over targets              | a T{le=0.1} 75=0 95=10 ; a T{le=0.5} 75=0 95=20 ; a T{le=1} 75=0 95=20 ; a T{le=+Inf} 75=0 95=20 ; b T{le=0.1} 75=0 95=0 ; b T{le=0.5} 75=0 95=10 ; b T{le=1.0} 75=0 95=20 ; b T{le=+Inf} 75=0 95=20 | 0.9 | 95 | false
      # only the increase counts, not the totals: increases 0/2/2 -> rank 1.9 in (0.1, 0.5]: 0.1 + 0.4 * 1.9/2
      increase not totals                     | a T{le=0.1} 75=100 95=100 ; a T{le=0.5} 75=100 95=102 ; a T{le=+Inf} 75=100 95=102                      | 0.48  | 95          | false
      # increases 1/2: rank 1.9 in the +Inf bucket -> highest finite bound
      quantile in the +Inf bucket             | a T{le=0.1} 75=0 95=1 ; a T{le=+Inf} 75=0 95=2                                                          | 0.1   | 95          | false
      no observations in the window           | a T{le=0.1} 75=5 95=5 ; a T{le=+Inf} 75=9 95=9                                                          |       |             | false
      one point per series                    | a T{le=0.1} 95=5 ; a T{le=+Inf} 95=9                                                                    |       |             | false
      no +Inf bucket                          | a T{le=0.1} 75=0 95=5 ; a T{le=0.5} 75=0 95=9                                                           |       |             | false
      buckets without le are ignored          | a T 75=0 95=5 ; a T{le=oops} 75=0 95=9                                                                  |       |             | false
      no series                               | ''                                                                                                      |       |             | false
      """)
  void ttftP95IsTheQuantileOfTheBucketIncreases(String name, String series, Double value, Double observedAt, boolean stale) {
    assertSignal(compute(series).get(SignalNames.TTFT_P95_SECONDS), value, observedAt, stale);
  }

  @Test
  void everySignalIsReportedEvenWithoutTargets() {
    Map<String, Signal> signals = calculator.compute(List.of(), NOW);
    assertEquals(Set.of(SignalNames.QUEUE_DEPTH, SignalNames.REQUESTS_RUNNING, SignalNames.KV_CACHE_USAGE,
        SignalNames.GENERATION_TOKENS_PER_SECOND, SignalNames.TTFT_P95_SECONDS), signals.keySet());
    signals.values().forEach(s -> assertAll(() -> assertNull(s.value()), () -> assertNull(s.observedAt())));
  }

  private Map<String, Signal> compute(String spec) {
    return calculator.compute(targets(spec), NOW);
  }

  private static void assertSignal(Signal signal, Double value, Double observedAtSeconds, boolean stale) {
    if (value == null) {
      assertNull(signal.value(), () -> "expected no data, got " + signal);
      assertNull(signal.observedAt());
      return;
    }
    assertAll(
        () -> assertEquals(value, signal.value(), 1e-9, "value"),
        () -> assertEquals(Instant.ofEpochMilli(Math.round(observedAtSeconds * 1000)), signal.observedAt(), "observedAt"),
        () -> assertEquals(stale, signal.stale(), "stale"));
  }

  /** Parses the series notation into one {@link SeriesSource} per target. */
  static List<SeriesSource> targets(String spec) {
    Map<String, List<Series>> byTarget = new LinkedHashMap<>();
    if (spec != null && !spec.isBlank()) {
      for (String part : spec.split(";")) {
        String[] tokens = part.trim().split("\\s+");
        String target = tokens[0];
        String metric = tokens[1];
        Labels labels = Labels.EMPTY;
        int brace = metric.indexOf('{');
        if (brace >= 0) {
          var pairs = new ArrayList<String>();
          for (String kv : metric.substring(brace + 1, metric.length() - 1).split(",")) {
            pairs.add(kv.substring(0, kv.indexOf('=')));
            pairs.add(kv.substring(kv.indexOf('=') + 1));
          }
          labels = Labels.of(pairs.toArray(new String[0]));
          metric = metric.substring(0, brace);
        }
        var points = new ArrayList<Point>();
        for (int i = 2; i < tokens.length; i++) {
          String[] tv = tokens[i].split("=");
          points.add(new Point(Math.round(Double.parseDouble(tv[0]) * 1000), Double.parseDouble(tv[1])));
        }
        String name = METRICS.getOrDefault(metric, metric);
        byTarget.computeIfAbsent(target, t -> new ArrayList<>()).add(new Series(new SeriesKey(name, labels), points));
      }
    }
    var sources = new ArrayList<SeriesSource>();
    byTarget.values().forEach(series -> sources.add(metric -> series.stream().filter(s -> s.key().name().equals(metric)).toList()));
    return sources;
  }
}
