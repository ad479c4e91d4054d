package dev.plimsoll.kubernetes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Parses Go-style durations ({@code time.ParseDuration}): a sequence of decimal numbers, each with an optional
 * fraction and a unit, e.g. {@code 5s}, {@code 500ms}, {@code 1.5s}, {@code 1m30s}, {@code 2h}. Units are
 * {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}. No I/O.
 */
public final class GoDurations {

  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDurations() {}

  /**
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration; expected e.g. 5s or 500ms");
    }
    String s = text;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO; // Go accepts a bare 0 without a unit
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int numberStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(numberStart, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unitNanos = unitNanos(s.substring(unitStart, i), text);
      nanos = nanos.add(new BigDecimal(number.startsWith(".") ? "0" + number : number).multiply(BigDecimal.valueOf(unitNanos)));
      if (nanos.toBigInteger().compareTo(MAX_NANOS) > 0) {
        throw new IllegalArgumentException("duration '" + text + "' is too long");
      }
    }
    long total = nanos.toBigInteger().longValueExact(); // Go truncates fractions of a nanosecond too
    return Duration.ofNanos(negative ? -total : total);
  }

  private static long unitNanos(String unit, String text) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "" -> throw new IllegalArgumentException("duration '" + text + "' is missing a unit (ns, us, ms, s, m, h)");
      default -> throw new IllegalArgumentException("duration '" + text + "' has unknown unit '" + unit + "' (ns, us, ms, s, m, h)");
    };
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not a duration like 5s, 500ms or 1m30s");
  }
}
