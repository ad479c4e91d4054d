package dev.plimsoll.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the histogram is pure data. */
class HistogramTest {

  private static final List<Double> BOUNDS = List.of(0.1, 1.0, 10.0);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | observations        | cumulative (0.1 1 10 +Inf) | sum
      nothing observed                        | ''                  | 0 0 0 0                    | 0
      on a bound counts in that bucket (le)   | 0.1                 | 1 1 1 1                    | 0.1
      just above a bound goes to the next     | 0.1000001           | 0 1 1 1                    | 0.1000001
      above the last bound only in +Inf       | 11                  | 0 0 0 1                    | 11
      spread over every bucket                | 0.05 0.5 5 50       | 1 2 3 4                    | 55.55
      zero and negatives land in the first    | 0 -1                | 2 2 2 2                    | -1
      """)
  void cumulativeBuckets(String name, String observations, String cumulative, double sum) {
    Histogram h = new Histogram(BOUNDS);
    if (!observations.isBlank()) {
      Arrays.stream(observations.split(" ")).mapToDouble(Double::parseDouble).forEach(h::observe);
    }
    long[] expected = Arrays.stream(cumulative.split(" ")).mapToLong(Long::parseLong).toArray();
    assertArrayEquals(expected, h.cumulativeCounts());
    assertEquals(expected[expected.length - 1], h.count(), "+Inf bucket equals the count");
    assertEquals(sum, h.sum(), 1e-9);
  }

  @Test
  void repeatedObservationsCountAsMany() {
    Histogram once = new Histogram(BOUNDS);
    Histogram batched = new Histogram(BOUNDS);
    for (int i = 0; i < 7; i++) {
      once.observe(0.5);
    }
    batched.observe(0.5, 7);
    batched.observe(3, 0);
    assertArrayEquals(once.cumulativeCounts(), batched.cumulativeCounts());
    assertEquals(once.sum(), batched.sum(), 1e-12);
    assertEquals(7, batched.count());
  }

  @Test
  void copyIsIndependent() {
    Histogram h = new Histogram(BOUNDS);
    h.observe(0.5);
    Histogram copy = h.copy();
    h.observe(0.5);
    assertEquals(1, copy.count());
    assertEquals(2, h.count());
  }

  @ParameterizedTest(name = "up to {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # max_model_len | vLLM's 1-2-5 bounds
      1               | 1
      4               | 1 2
      2048            | 1 2 5 10 20 50 100 200 500 1000 2000
      131072          | 1 2 5 10 20 50 100 200 500 1000 2000 5000 10000 20000 50000 100000
      """)
  void tokenBucketsAreOneTwoFiveUpToTheContext(long max, String bounds) {
    List<Double> expected = java.util.Arrays.stream(bounds.split(" ")).map(Double::valueOf).toList();
    assertEquals(expected, Histogram.oneTwoFive(max));
  }

  @Test
  void vllmBucketsAreValidBounds() {
    assertEquals(22, new Histogram(Histogram.TTFT_BUCKETS).bounds().size());
    assertEquals(21, new Histogram(Histogram.REQUEST_LATENCY_BUCKETS).bounds().size());
    assertEquals(19, new Histogram(Histogram.INTER_TOKEN_LATENCY_BUCKETS).bounds().size());
  }

  @Test
  void rejectsUnorderedBounds() {
    assertThrows(IllegalArgumentException.class, () -> new Histogram(List.of(1.0, 1.0)));
    assertThrows(IllegalArgumentException.class, () -> new Histogram(List.of(2.0, 1.0)));
    assertThrows(IllegalArgumentException.class, () -> new Histogram(List.of(1.0, Double.POSITIVE_INFINITY)));
  }
}
