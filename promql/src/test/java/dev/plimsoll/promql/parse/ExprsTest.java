package dev.plimsoll.promql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.promql.eval.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      up                                                                    | 0
      rate(x[5m])                                                           | 300000
      sum(rate(a[30s])) / sum(increase(b[1m]))                              | 60000
      histogram_quantile(0.9, sum by (le) (rate(h_bucket[2m])))             | 120000
      -(max_over_time(g[1h30m]) > 3)                                        | 5400000
      """)
  void longestRange(String query, long millis) {
    assertEquals(millis, Exprs.longestRangeMillis(Engine.prepare(query).expr()));
  }
}
