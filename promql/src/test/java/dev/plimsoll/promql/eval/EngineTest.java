package dev.plimsoll.promql.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.EvaluationException;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.TooManySamplesException;
import dev.plimsoll.promql.UnsupportedFeatureException;
import dev.plimsoll.promql.storage.SeriesStore;
import dev.plimsoll.promql.storage.StaleNaN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Evaluator tables. Data, one sample every 15 s from t=0: a 1/s counter per instance, a counter that
 * resets, a gauge, and a classic histogram. Expected values are worked out by hand in the comments.
 */
class EngineTest {
  private static final long S = 1000;
  private final SeriesStore store = new SeriesStore(3_600_000, 15_000, 100);
  private final Engine engine = new Engine(store);

  EngineTest() {
    for (int i = 0; i <= 40; i++) {
      long t = i * 15 * S;
      store.append(Labels.of("__name__", "requests_total", "job", "api", "instance", "a"), t, i * 15.0);
      store.append(Labels.of("__name__", "requests_total", "job", "api", "instance", "b"), t, i * 30.0);
      store.append(Labels.of("__name__", "requests_total", "job", "web", "instance", "c"), t, i * 45.0);
    }
    double[] resets = {10, 20, 5, 15};
    double[] gauge = {4, 2, 8, 6};
    for (int i = 0; i < 4; i++) {
      store.append(Labels.of("__name__", "resets_total"), i * 15 * S, resets[i]);
      store.append(Labels.of("__name__", "temperature", "job", "api"), i * 15 * S, gauge[i]);
      store.append(Labels.of("__name__", "humidity", "job", "api"), i * 15 * S, 50);
    }
    store.append(Labels.of("__name__", "latency_bucket", "le", "0.1"), 0, 10);
    store.append(Labels.of("__name__", "latency_bucket", "le", "0.5"), 0, 30);
    store.append(Labels.of("__name__", "latency_bucket", "le", "+Inf"), 0, 40);
    store.append(Labels.of("__name__", "bad_bucket", "le", "0.5"), 0, 30);
    store.append(Labels.of("__name__", "bad_bucket", "le", "0.1"), 0, 35);
    store.append(Labels.of("__name__", "bad_bucket", "le", "+Inf"), 0, 40);
    store.append(Labels.of("__name__", "blip"), 0, 1);
    store.append(Labels.of("__name__", "blip"), 15 * S, StaleNaN.VALUE);
  }

  /** Sorted {@code {labels} value} lines joined by "; ", values to 4 decimals; a scalar is just its value. */
  static String render(Value v) {
    return switch (v) {
      case Scalar s -> num(s.value());
      case InstantVector iv -> {
        var lines = new ArrayList<String>();
        for (Sample s : iv.samples()) {
          lines.add(s.labels() + " " + num(s.value()));
        }
        lines.sort(null);
        yield String.join("; ", lines);
      }
      case Matrix m -> {
        var lines = new ArrayList<String>();
        for (Series s : m.series()) {
          var pts = new ArrayList<String>();
          for (int i = 0; i < s.size(); i++) {
            pts.add(num(s.values()[i]) + "@" + s.timestamps()[i] / S);
          }
          lines.add(s.labels() + " " + String.join(" ", pts));
        }
        yield String.join("; ", lines);
      }
    };
  }

  private static String num(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d) : String.format(Locale.ROOT, "%.4f", d);
  }

  @ParameterizedTest(name = "{0} at {1}s")
  @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
      # query                                           | at  | expected
      # 1/s counter, window (540,600] holds 4 samples 15 s apart: extrapolated to the full minute.
      rate(requests_total{instance="a"}[1m])            | 600 | {instance="a",job="api"} 1.0000
      increase(requests_total{instance="a"}[1m])        | 600 | {instance="a",job="api"} 60.0000
      irate(requests_total{instance="a"}[1m])           | 600 | {instance="a",job="api"} 1.0000
      # 10 20 5 15: increase 5 + reset 20 = 25, times (45+15)/45
      increase(resets_total[1m])                        | 45  | {} 33.3333
      rate(resets_total[1m])                            | 45  | {} 0.5556
      # irate after a drop takes the new value as the increase: 5/15
      irate(resets_total[1m])                           | 30  | {} 0.3333
      irate(resets_total[1m])                           | 45  | {} 0.6667
      # gauge 4 2 8 6: delta (6-4)*(45+15)/45
      delta(temperature[1m])                            | 45  | {job="api"} 2.6667
      avg_over_time(temperature[1m])                    | 45  | {job="api"} 5.0000
      sum_over_time(temperature[1m])                    | 45  | {job="api"} 20.0000
      min_over_time(temperature[1m])                    | 45  | {job="api"} 2.0000
      max_over_time(temperature[1m])                    | 45  | {job="api"} 8.0000
      count_over_time(temperature[1m])                  | 45  | {job="api"} 4.0000
      last_over_time(temperature[1m])                   | 45  | {__name__="temperature",job="api"} 6.0000
      present_over_time(temperature[1m])                | 45  | {job="api"} 1.0000
      stdvar_over_time(temperature[1m])                 | 45  | {job="api"} 5.0000
      stddev_over_time(temperature[1m])                 | 45  | {job="api"} 2.2361
      quantile_over_time(0.5, temperature[1m])          | 45  | {job="api"} 5.0000
      # the window is left-open: (15,45] misses t=15
      count_over_time(temperature[30s])                 | 45  | {job="api"} 2.0000
      # buckets 10/30/40: rank 20 lies halfway into (0.1,0.5]; rank 36 in +Inf gives the highest bound
      histogram_quantile(0.5, latency_bucket)           | 0   | {} 0.3000
      histogram_quantile(0.9, latency_bucket)           | 0   | {} 0.5000
      histogram_quantile(0.05, latency_bucket)          | 0   | {} 0.0200
      histogram_quantile(2, latency_bucket)             | 0   | {} Infinity
      # 0.1 has 35 > 30 of 0.5: forced monotonic to 35, rank 20 in the lowest bucket
      histogram_quantile(0.5, bad_bucket)               | 0   | {} 0.0571
      sum(requests_total)                               | 600 | {} 3600.0000
      sum by (job) (requests_total)                     | 600 | {job="api"} 1800.0000; {job="web"} 1800.0000
      sum(requests_total) by (job)                      | 600 | {job="api"} 1800.0000; {job="web"} 1800.0000
      avg without (instance) (requests_total)           | 600 | {job="api"} 900.0000; {job="web"} 1800.0000
      min(requests_total)                               | 600 | {} 600.0000
      max by (job) (requests_total)                     | 600 | {job="api"} 1200.0000; {job="web"} 1800.0000
      count by (nonexistent) (requests_total)           | 600 | {} 3.0000
      requests_total{instance="a"} * 2                  | 600 | {instance="a",job="api"} 1200.0000
      requests_total{instance="a"} > 100                | 600 | {__name__="requests_total",instance="a",job="api"} 600.0000
      1000 < requests_total                             | 600 | {__name__="requests_total",instance="b",job="api"} 1200.0000; {__name__="requests_total",instance="c",job="web"} 1800.0000
      requests_total > 10000                            | 600 |
      -requests_total{instance="a"}                     | 600 | {instance="a",job="api"} -600.0000
      +requests_total{instance="a"}                     | 600 | {__name__="requests_total",instance="a",job="api"} 600.0000
      requests_total / requests_total                   | 600 | {instance="a",job="api"} 1.0000; {instance="b",job="api"} 1.0000; {instance="c",job="web"} 1.0000
      requests_total{job="api"} and requests_total{instance="b"} | 600 | {__name__="requests_total",instance="b",job="api"} 1200.0000
      requests_total{instance="a"} or requests_total{instance="b"} | 600 | {__name__="requests_total",instance="a",job="api"} 600.0000; {__name__="requests_total",instance="b",job="api"} 1200.0000
      requests_total unless requests_total{job="api"}  | 600 | {__name__="requests_total",instance="c",job="web"} 1800.0000
      2 ^ 3 ^ 2                                         | 0   | 512.0000
      5 % 3 - -1                                        | 0   | 3.0000
      1 / 0                                             | 0   | Infinity
      # clamps limit each value and drop the name; clamp with max below min is empty; NaN stays NaN
      clamp_min(requests_total{job="api"}, 700)        | 600 | {instance="a",job="api"} 700.0000; {instance="b",job="api"} 1200.0000
      clamp_max(requests_total{job="api"}, 700)        | 600 | {instance="a",job="api"} 600.0000; {instance="b",job="api"} 700.0000
      clamp(requests_total, 700, 1500)                  | 600 | {instance="a",job="api"} 700.0000; {instance="b",job="api"} 1200.0000; {instance="c",job="web"} 1500.0000
      clamp(requests_total, 1500, 700)                  | 600 |
      clamp_min(-requests_total{instance="a"}, 0)       | 600 | {instance="a",job="api"} 0.0000
      clamp_min(sum(rate(requests_total{job="nope"}[1m])), 1e-9) | 600 |
      clamp_min(requests_total{instance="a"} / 0 - requests_total{instance="a"} / 0, 0) | 600 | {instance="a",job="api"} NaN
      sum(rate(requests_total{instance="a"}[1m])) / clamp_min(sum(rate(requests_total{instance="a"}[1m])) * 0, 1e-9) * 0 | 600 | {} 0.0000
      # a staleness marker ends the series at once; lookback keeps the last value for 5 minutes otherwise
      blip                                              | 10  | {__name__="blip"} 1.0000
      blip                                              | 20  |
      temperature                                       | 344 | {__name__="temperature",job="api"} 6.0000
      temperature                                       | 345 |
      """)
  void instant(String query, long atSeconds, String expected) {
    assertEquals(expected == null ? "" : expected, render(engine.instant(query, atSeconds * S).value()));
  }

  @Test
  void rangeQueryIsSortedAndStepped() {
    Value v = engine.range("requests_total{job=\"api\"} / 15", 0, 30 * S, 15 * S).value();
    assertEquals("{instance=\"a\",job=\"api\"} 0.0000@0 1.0000@15 2.0000@30; "
        + "{instance=\"b\",job=\"api\"} 0.0000@0 2.0000@15 4.0000@30", render(v));
    assertEquals("{} 1.0000@0 1.0000@60", render(engine.range("1", 0, 60 * S, 60 * S).value()));
  }

  @Test
  void rangeSelectorAtTopLevelOfAnInstantQueryIsAMatrix() {
    Value v = engine.instant("temperature[30s]", 45 * S).value();
    assertEquals("{__name__=\"temperature\",job=\"api\"} 8.0000@30 6.0000@45", render(v));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
      # query                                                  | error
      §-{__name__=~"temperature|humidity", job="api"}§         | vector cannot contain metrics with the same labelset
      requests_total{job="api"} + on_none                      | §§
      temperature + requests_total{job="api"}                  | §§
      requests_total{job="api"} - ignoring_x{job="api"}        | §§
      rate(requests_total[1m]) + sum by (instance) (requests_total) | §§
      """)
  void evaluationErrors(String query, String error) {
    if (error == null || error.isEmpty()) {
      // These are fine: no match means an empty result.
      assertInstanceOf(InstantVector.class, engine.instant(query, 600 * S).value());
      return;
    }
    var e = assertThrows(EvaluationException.class, () -> engine.instant(query, 30 * S));
    assertEquals(error, e.getMessage());
  }

  @Test
  void oneToOneMatchingRejectsDuplicatesOnEitherSide() {
    store.append(Labels.of("__name__", "lhs", "k", "1", "x", "a"), 0, 1);
    store.append(Labels.of("__name__", "lhs", "k", "1", "x", "b"), 0, 1);
    store.append(Labels.of("__name__", "rhs", "k", "1"), 0, 1);
    store.append(Labels.of("__name__", "rhs2", "k", "1"), 0, 1);
    var many = assertThrows(EvaluationException.class, () -> engine.instant("sum by (k) (lhs) + {__name__=~\"rhs.*\"}", 0));
    assertTrue(many.getMessage().startsWith("found duplicate series for the match group {k=\"1\"} on the right hand-side"),
        many.getMessage());
    assertTrue(many.getMessage().endsWith("many-to-many matching not allowed: matching labels must be unique on one side"));
    var left = assertThrows(EvaluationException.class, () -> engine.instant("{__name__=~\"rhs.*\"} + sum by (k) (lhs)", 0));
    assertEquals("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)", left.getMessage());
  }

  @Test
  void annotationsCarryPrometheusTextAndPosition() {
    QueryResult r = engine.instant("rate(temperature[1m])", 45 * S);
    assertEquals(List.of(new Annotation(Annotation.Severity.INFO,
        "PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"temperature\" (1:6)")),
        r.annotations());
    assertTrue(engine.instant("rate(requests_total[1m])", 45 * S).annotations().isEmpty());
    QueryResult q = engine.instant("histogram_quantile(1.5, latency_bucket)", 0);
    assertEquals("PromQL warning: quantile value should be between 0 and 1, got 1.5 (1:20)", q.warnings().get(0).message());
  }

  @Test
  void sampleLimitIsEnforced() {
    var small = new Engine(store, new EngineOptions(300_000, 10));
    assertThrows(TooManySamplesException.class, () -> small.instant("count_over_time(requests_total[10m])", 600 * S));
    assertThrows(TooManySamplesException.class, () -> small.range("requests_total", 0, 600 * S, 15 * S));
    assertEquals("{} 3.0000", render(small.instant("count(requests_total)", 600 * S).value()));
  }

  @Test
  void rangeQueriesNeedScalarOrVectorExpressions() {
    var e = assertThrows(EvaluationException.class, () -> engine.range("temperature[1m]", 0, 60 * S, 15 * S));
    assertEquals("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector", e.getMessage());
    assertThrows(UnsupportedFeatureException.class, () -> engine.instant("\"text\"", 0));
  }

  /** A cheap fuzzer: random token soup must only ever raise PromqlException. */
  @Test
  void arbitraryInputOnlyRaisesPromqlExceptions() {
    String[] atoms = {"rate(", "sum by (job) (", "requests_total", "{job=~\"a|(\"}", "[5m]", "[0s]", ")", "(", "+", "-", "^",
        "==", " and ", " or ", "1e308", "1e999", "0x", "Inf", "NaN", "\"", "'", "`", ",", "histogram_quantile(", "0.9",
        "{", "}", "=~", "\\", "temperature", "[1h30m]", " offset ", "@", ":", "by", "without", "#", "\n", "le", "quantile_over_time("};
    var random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      var sb = new StringBuilder();
      int n = 1 + random.nextInt(12);
      for (int k = 0; k < n; k++) {
        sb.append(atoms[random.nextInt(atoms.length)]);
      }
      String q = sb.toString();
      try {
        engine.instant(q, 600 * S);
        engine.range(q, 0, 600 * S, 60 * S);
      } catch (PromqlException expected) {
        // the only acceptable failure
      } catch (Throwable t) {
        throw new AssertionError("query " + q + " raised " + t, t);
      }
    }
  }
}
