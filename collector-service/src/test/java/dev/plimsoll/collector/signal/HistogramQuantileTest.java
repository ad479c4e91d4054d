package dev.plimsoll.collector.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.exposition.GoFloat;
import dev.plimsoll.collector.signal.HistogramQuantile.Bucket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** histogram_quantile against hand-computed values; buckets are "le:cumulative count". */
class HistogramQuantileTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                      | q    | buckets                              | expected
      # rank 0.95*40 = 38 in (0.5, 1]: 0.5 + 0.5 * (38-30)/(40-30)
      p95 inside a middle bucket                  | 0.95 | 0.1:10 0.5:30 1:40 +Inf:40            | 0.9
      # rank 20 in (0.1, 0.5]: 0.1 + 0.4 * (20-10)/20
      median                                      | 0.5  | 0.1:10 0.5:30 1:40 +Inf:40            | 0.3
      # rank 2 in the first bucket, lower bound 0: 0.1 * 2/10
      first bucket interpolates from zero         | 0.05 | 0.1:10 0.5:30 1:40 +Inf:40            | 0.02
      # rank 19 > 10: in the +Inf bucket, so the highest finite bound
      quantile in the +Inf bucket                 | 0.95 | 0.1:10 +Inf:20                        | 0.1
      order of the input does not matter          | 0.95 | +Inf:40 1:40 0.1:10 0.5:30            | 0.9
      # 0.5:5 and 0.5:5 merge; rank 5 in the first bucket: 0.5 * 5/10
      equal bounds are merged                     | 0.5  | 0.5:5 0.5:5 +Inf:10                   | 0.25
      # 8 < 10 is raised to 10; rank 6 in the first bucket: 0.1 * 6/10
      decreasing counts are made monotonic        | 0.5  | 0.1:10 0.5:8 +Inf:12                  | 0.06
      # a first bucket with a bound <= 0 gives its bound
      non-positive first bucket                   | 0.2  | -1:5 +Inf:10                          | -1
      q above 1                                   | 1.5  | 0.1:1 +Inf:1                          | Infinity
      q below 0                                   | -0.1 | 0.1:1 +Inf:1                          | -Infinity
      no +Inf bucket                              | 0.5  | 0.1:10 0.5:30                         | NaN
      no observations                             | 0.95 | 0.1:0 0.5:0 +Inf:0                    | NaN
      only the +Inf bucket                        | 0.5  | +Inf:10                               | NaN
      no buckets                                  | 0.5  | ''                                    | NaN
      q NaN                                       | NaN  | 0.1:1 +Inf:1                          | NaN
      """)
  void matchesPrometheusBucketQuantile(String name, double q, String buckets, double expected) {
    assertEquals(expected, HistogramQuantile.quantile(q, buckets(buckets)), 1e-12);
  }

  static List<Bucket> buckets(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    return Arrays.stream(spec.trim().split("\\s+")).map(b -> {
      String[] parts = b.split(":");
      return new Bucket(GoFloat.parse(parts[0]), Double.parseDouble(parts[1]));
    }).toList();
  }
}
