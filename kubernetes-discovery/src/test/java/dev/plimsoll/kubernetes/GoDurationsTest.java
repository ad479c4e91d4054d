package dev.plimsoll.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from Go's time.ParseDuration tests that a scrape annotation can plausibly hold. */
class GoDurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      5s        | PT5S
      500ms     | PT0.5S
      0         | PT0S
      1.5s      | PT1.5S
      .5s       | PT0.5S
      5.s       | PT5S
      1m30s     | PT1M30S
      2h45m     | PT2H45M
      100us     | PT0.0001S
      100µs     | PT0.0001S
      7ns       | PT0.000000007S
      +10s      | PT10S
      -3s       | PT-3S
      1h1m1s1ms | PT1H1M1.001S
      """)
  void parses(String text, Duration expected) {
    assertEquals(expected, GoDurations.parse(text));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "s", "10", "5 s", "5sec", "1d", "1.2.3s", ".s", "-", "3000000h", "5s10"})
  void rejects(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(text));
    assertEquals(true, e.getMessage() != null && !e.getMessage().isBlank());
  }
}
