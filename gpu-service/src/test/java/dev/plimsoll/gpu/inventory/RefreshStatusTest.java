package dev.plimsoll.gpu.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the cache's refresh state machine and the age of an observation. */
class RefreshStatusTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Applies "ok@s" (a read at T0+s) and "fail@s" steps in order. */
  private static RefreshStatus run(String steps) {
    RefreshStatus s = RefreshStatus.INITIAL;
    if ("-".equals(steps)) {
      return s;
    }
    for (String step : steps.split(" ")) {
      String[] p = step.split("@");
      Instant at = T0.plusSeconds(Long.parseLong(p[1]));
      s = "ok".equals(p[0]) ? s.succeeded(Observation.of("test", at, List.of())) : s.failed("boom " + p[1], at);
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | steps             | ready | lastSuccess s | error                     | lastAttempt s
      nothing read yet                        | -                 | false |            -1 | no refresh has completed yet | -1
      first read failed                       | fail@1            | false |            -1 | boom 1                    | 1
      first read succeeded                    | ok@1              | true  |             1 | -                         | 1
      failure after success keeps the data    | ok@1 fail@6       | false |             1 | boom 6                    | 6
      success after failures is ready again   | fail@1 ok@6 fail@11 ok@16 | true |    16 | -                         | 16
      """)
  void transitions(String name, String steps, boolean ready, long lastSuccess, String error, long lastAttempt) {
    RefreshStatus s = run(steps);
    assertEquals(ready, s.ready());
    assertEquals(lastSuccess < 0 ? null : T0.plusSeconds(lastSuccess), s.lastSuccess() == null ? null : s.lastSuccess().observedAt());
    assertEquals("-".equals(error) ? null : error, s.notReadyReason());
    assertEquals(lastAttempt < 0 ? null : T0.plusSeconds(lastAttempt), s.lastAttemptAt());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                         | now ms | age
      read just now                  |      0 | 0.0
      two and a half seconds later   |   2500 | 2.5
      clock behind the read          |  -1000 | 0.0
      """)
  void age(String name, long nowMillis, double age) {
    assertEquals(age, Observation.of("test", T0, List.of()).ageSeconds(T0.plusMillis(nowMillis)));
  }
}
