package dev.plimsoll.promql.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.PromqlException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the store is a data structure, so the tests just call it. */
class SeriesStoreTest {
  private static final Labels UP = Labels.of("__name__", "up", "job", "vllm");

  private static SeriesStore store(long retention, long interval, int maxSeries) {
    return new SeriesStore(retention, interval, maxSeries);
  }

  @Test
  void ringWrapsAtTheRetentionBoundAndKeepsTheNewestSamples() {
    var s = store(40, 10, 10); // ceil(40/10)+1 = 5 samples per series
    assertEquals(5, s.maxSamplesPerSeries());
    for (int t = 0; t < 12; t++) {
      assertEquals(AppendResult.APPENDED, s.append(UP, t * 10L, t));
    }
    SeriesSamples got = s.select(List.of(Matcher.equal("__name__", "up")), Long.MIN_VALUE, Long.MAX_VALUE).get(0);
    assertArrayEquals(new long[] {70, 80, 90, 100, 110}, got.timestamps());
    assertArrayEquals(new double[] {7, 8, 9, 10, 11}, got.values());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                          | t  | value | result
      later timestamp is stored       | 20 | 3     | APPENDED
      same timestamp, same value      | 10 | 2     | DUPLICATE
      same timestamp, other value     | 10 | 5     | OUT_OF_ORDER
      earlier timestamp is refused    | 5  | 1     | OUT_OF_ORDER
      """)
  void appendOrderRule(String name, long t, double value, AppendResult expected) {
    var s = store(1000, 10, 10);
    s.append(UP, 0, 1);
    s.append(UP, 10, 2);
    assertEquals(expected, s.append(UP, t, value));
  }

  @Test
  void seriesLimitFailsClearlyAndStoresNothing() {
    var s = store(1000, 10, 2);
    s.append(Labels.of("__name__", "a"), 0, 1);
    s.append(Labels.of("__name__", "b"), 0, 1);
    var e = assertThrows(SeriesLimitExceededException.class, () -> s.append(Labels.of("__name__", "c"), 0, 1));
    assertTrue(e.getMessage().contains("series limit of 2"), e.getMessage());
    assertEquals(2, s.seriesCount());
    // Existing series still accept samples.
    assertEquals(AppendResult.APPENDED, s.append(Labels.of("__name__", "a"), 10, 2));
  }

  @Test
  void trimBeforeDropsOldSamplesAndForgetsEmptySeries() {
    var s = store(1000, 10, 10);
    s.append(Labels.of("__name__", "old"), 0, 1);
    s.append(UP, 0, 1);
    s.append(UP, 50, 2);
    assertEquals(1, s.trimBefore(10));
    assertEquals(1, s.seriesCount());
    assertEquals(List.of(UP), s.series(List.of(Matcher.of(Matcher.Type.REGEX, "__name__", ".+"))));
    assertArrayEquals(new long[] {50}, s.select(List.of(Matcher.equal("job", "vllm")), 0, 100).get(0).timestamps());
  }

  @Test
  void staleMarkersAreStoredBitForBit() {
    var s = store(1000, 10, 10);
    s.append(UP, 0, 1);
    s.append(UP, 10, StaleNaN.VALUE);
    s.append(UP, 20, Double.NaN);
    double[] v = s.select(List.of(Matcher.equal("__name__", "up")), 0, 100).get(0).values();
    assertTrue(StaleNaN.is(v[1]));
    assertTrue(Double.isNaN(v[2]) && !StaleNaN.is(v[2]), "an ordinary NaN is not a staleness marker");
  }

  @Test
  void selectCopiesOnlyTheInclusiveRangeAndSkipsSeriesWithoutSamplesThere() {
    var s = store(1000, 10, 10);
    for (int t = 0; t <= 100; t += 10) {
      s.append(UP, t, t);
    }
    s.append(Labels.of("__name__", "up", "job", "other"), 500, 1);
    List<SeriesSamples> got = s.select(List.of(Matcher.equal("__name__", "up")), 20, 40);
    assertEquals(1, got.size());
    assertArrayEquals(new long[] {20, 30, 40}, got.get(0).timestamps());
  }

  @Test
  void emptyLabelValuesAreDroppedAndNameIsRequired() {
    var s = store(1000, 10, 10);
    s.append(Labels.of("__name__", "up", "zone", ""), 0, 1);
    assertEquals(List.of(Labels.of("__name__", "up")), s.series(List.of(Matcher.equal("__name__", "up"))));
    assertThrows(PromqlException.class, () -> s.append(Labels.of("job", "x"), 0, 1));
  }

  @Test
  void labelNamesAndValues() {
    var s = store(1000, 10, 10);
    s.append(UP, 0, 1);
    s.append(Labels.of("__name__", "up", "job", "gateway", "pod", "p1"), 0, 1);
    assertEquals(List.of("__name__", "job", "pod"), s.labelNames());
    assertEquals(List.of("gateway", "vllm"), s.labelValues("job"));
  }

  @ParameterizedTest(name = "{1} {0} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # type     | label  | value          | matches
      REGEX      | job    | vll.*          | true
      REGEX      | job    | ll             | false
      REGEX      | job    | (?i:VLLM)      | true
      NOT_REGEX  | job    | 'vllm|gateway' | false
      EQUAL      | absent | ''             | true
      NOT_EQUAL  | absent | x              | true
      REGEX      | job    | [[:alpha:]]+   | true
      """)
  void matchersAreAnchoredAndTreatAbsentAsEmpty(Matcher.Type type, String label, String value, boolean matches) {
    assertEquals(matches, Matcher.of(type, label, value).matches(UP.get(label)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      a)(b
      (?=x)
      a++
      \\1
      [
      """)
  void regexesGoRejectsAreRejected(String re) {
    assertThrows(PromqlException.class, () -> Matcher.of(Matcher.Type.REGEX, "job", re));
  }

  @Test
  void oneWriterAndConcurrentReadersSeeConsistentSnapshots() throws Exception {
    var s = store(10_000, 1, 10);
    var stop = new AtomicBoolean();
    var failure = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        for (SeriesSamples ss : s.select(List.of(Matcher.equal("__name__", "up")), Long.MIN_VALUE, Long.MAX_VALUE)) {
          for (int i = 0; i < ss.size(); i++) {
            if (ss.values()[i] != ss.timestamps()[i] || (i > 0 && ss.timestamps()[i] <= ss.timestamps()[i - 1])) {
              failure.set(true);
            }
          }
        }
      }
    });
    reader.start();
    for (int t = 0; t < 200_000; t++) {
      s.append(UP, t, t);
    }
    stop.set(true);
    reader.join();
    assertTrue(!failure.get(), "a reader saw a torn or unordered snapshot");
  }

  @Test
  void anIndexedLabelSelectsTheSameSeriesAsAScanAndForgetsTrimmedOnes() {
    SeriesStore indexed = new SeriesStore(60_000, 1_000, 1_000, java.util.Set.of("workload"));
    SeriesStore plain = new SeriesStore(60_000, 1_000, 1_000);
    for (SeriesStore store : java.util.List.of(indexed, plain)) {
      for (int w = 0; w < 5; w++) {
        for (int r = 0; r < 3; r++) {
          store.append(dev.plimsoll.exposition.Labels.of("__name__", "q", "workload", "w" + w, "replica", "r" + r), 1_000, w * 10 + r);
        }
      }
      store.append(dev.plimsoll.exposition.Labels.of("__name__", "q", "replica", "orphan"), 1_000, 99);
    }
    for (var matchers : java.util.List.of(
        java.util.List.of(Matcher.equal("__name__", "q"), Matcher.equal("workload", "w2")),
        java.util.List.of(Matcher.equal("__name__", "q"), Matcher.equal("workload", "nope")),
        java.util.List.of(Matcher.equal("__name__", "q"), Matcher.equal("workload", "")),
        java.util.List.of(Matcher.equal("__name__", "q"), Matcher.of(Matcher.Type.NOT_EQUAL, "workload", "w2")))) {
      assertEquals(new java.util.HashSet<>(plain.series(matchers)), new java.util.HashSet<>(indexed.series(matchers)), matchers.toString());
    }
    assertEquals(3, indexed.series(java.util.List.of(Matcher.equal("__name__", "q"), Matcher.equal("workload", "w2"))).size());
    indexed.trimBefore(2_000);
    assertEquals(0, indexed.series(java.util.List.of(Matcher.equal("__name__", "q"), Matcher.equal("workload", "w2"))).size());
  }
}
