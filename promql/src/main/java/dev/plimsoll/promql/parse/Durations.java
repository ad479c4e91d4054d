package dev.plimsoll.promql.parse;

/**
 * Prometheus durations ({@code model.ParseDuration}): one or more {@code <integer><unit>} parts with
 * units {@code y w d h m s ms} in that order, each at most once, e.g. {@code 1h30m} or {@code 10s53ms};
 * {@code 0} alone is zero. A year is 365 days.
 */
public final class Durations {
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] MILLIS = {365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L};

  private Durations() {}

  /** Milliseconds, or -1 when the text is not a duration (or overflows). */
  public static long parseMillis(String s) {
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      return -1;
    }
    int i = 0;
    int lastUnit = -1;
    long total = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return -1;
      }
      String digits = s.substring(start, i);
      int unit;
      if (s.startsWith("ms", i)) {
        unit = 6;
      } else {
        unit = i < s.length() ? "ywdhms".indexOf(s.charAt(i)) : -1;
      }
      if (unit < 0 || unit <= lastUnit) {
        return -1;
      }
      i += UNITS[unit].length();
      lastUnit = unit;
      long n;
      try {
        n = Long.parseLong(digits);
      } catch (NumberFormatException e) {
        return -1;
      }
      try {
        total = Math.addExact(total, Math.multiplyExact(n, MILLIS[unit]));
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    // Prometheus stores durations as Go time.Duration (int64 nanoseconds).
    if (total > Long.MAX_VALUE / 1_000_000) {
      return -1;
    }
    return total;
  }

  /** A positive duration in milliseconds, or empty when the text is not a duration or is zero. */
  public static java.util.OptionalLong positiveMillis(String s) {
    long ms = parseMillis(s.trim());
    return ms > 0 ? java.util.OptionalLong.of(ms) : java.util.OptionalLong.empty();
  }

  /** Formats milliseconds the way Prometheus prints durations, e.g. {@code 1h30m}. */
  public static String format(long ms) {
    if (ms == 0) {
      return "0s";
    }
    var sb = new StringBuilder();
    long rest = ms;
    for (int u = 0; u < UNITS.length; u++) {
      long n = rest / MILLIS[u];
      if (n > 0) {
        sb.append(n).append(UNITS[u]);
        rest -= n * MILLIS[u];
      }
    }
    return sb.toString();
  }
}
