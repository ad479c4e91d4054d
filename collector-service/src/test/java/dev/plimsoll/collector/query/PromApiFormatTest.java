package dev.plimsoll.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromApiFormatTest {
  @ParameterizedTest
  @CsvSource({"1, 1", "1.5, 1.5", "0.1, 0.1", "1e21, 1000000000000000000000", "1e-7, 0.0000001", "-2.25, -2.25", "NaN, NaN",
      "Infinity, +Inf", "-Infinity, -Inf", "0, 0", "123456789.125, 123456789.125"})
  void formatsValuesLikePrometheus(double v, String expected) {
    assertEquals(expected, PromApiFormat.number(v));
  }

  @ParameterizedTest
  @CsvSource({"1700000000, 1700000000000", "1700000000.123, 1700000000123", "2023-11-14T22:13:20Z, 1700000000000",
      "2023-11-14T22:13:20.5Z, 1700000000500"})
  void parsesTimes(String text, long millis) {
    assertEquals(millis, PromApiFormat.time("time", text));
  }

  @ParameterizedTest
  @CsvSource({"15, 15000", "0.5, 500", "15s, 15000", "1m30s, 90000"})
  void parsesSteps(String text, long millis) {
    assertEquals(millis, PromApiFormat.duration("step", text));
  }

  @ParameterizedTest
  @CsvSource({"step, 0", "step, -1", "step, abc", "step, 1x"})
  void rejectsBadSteps(String name, String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> PromApiFormat.duration(name, text));
    assertEquals(true, e.getMessage().startsWith("invalid parameter \"step\""), e.getMessage());
  }

  @ParameterizedTest
  // the huge exponents were expanded to their millions of digits before being refused (seconds of CPU a request)
  @CsvSource({"yesterday", "17000000x", "''", "1e30000000", "1e10000000", "-1e30000000", "1e17", "1e-30000000", "1e-21"})
  void rejectsBadTimes(String text) {
    assertThrows(IllegalArgumentException.class, () -> PromApiFormat.time("time", text));
  }

  @org.junit.jupiter.api.Test
  void aHugeStepIsRefusedToo() {
    assertThrows(IllegalArgumentException.class, () -> PromApiFormat.duration("step", "1e30000000"));
    assertEquals(1_000_000_000_000L, PromApiFormat.time("time", "1e9"));
  }
}
