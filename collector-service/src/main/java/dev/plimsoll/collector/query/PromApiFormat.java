package dev.plimsoll.collector.query;

import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.eval.InstantVector;
import dev.plimsoll.promql.eval.Matrix;
import dev.plimsoll.promql.eval.Scalar;
import dev.plimsoll.promql.eval.Series;
import dev.plimsoll.promql.eval.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes and parameter syntax of Prometheus' HTTP API ({@code /api/v1/query} and friends), so
 * that Grafana and other Prometheus clients can read the collector. Pure.
 */
public final class PromApiFormat {
  private PromApiFormat() {}

  /** {@code {"status":"success","data":...}} */
  public static Map<String, Object> success(Object data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "success");
    out.put("data", data);
    return out;
  }

  /** {@code {"status":"error","errorType":...,"error":...}} */
  public static Map<String, Object> error(String type, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "error");
    out.put("errorType", type);
    out.put("error", message);
    return out;
  }

  /** A query result as {@code {"resultType":..., "result":...}}. */
  public static Map<String, Object> result(Value value) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (value) {
      case Scalar s -> {
        out.put("resultType", "scalar");
        out.put("result", point(s.timestampMillis(), s.value()));
      }
      case InstantVector v -> {
        out.put("resultType", "vector");
        List<Object> result = new ArrayList<>(v.samples().size());
        for (var sample : v.samples()) {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("metric", labels(sample.labels()));
          one.put("value", point(v.timestampMillis(), sample.value()));
          result.add(one);
        }
        out.put("result", result);
      }
      case Matrix m -> {
        out.put("resultType", "matrix");
        List<Object> result = new ArrayList<>(m.series().size());
        for (Series s : m.series()) {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("metric", labels(s.labels()));
          List<Object> values = new ArrayList<>(s.size());
          for (int i = 0; i < s.size(); i++) {
            values.add(point(s.timestamps()[i], s.values()[i]));
          }
          one.put("values", values);
          result.add(one);
        }
        out.put("result", result);
      }
    }
    return out;
  }

  /** {@code [<unix seconds>, "<value>"]} */
  static List<Object> point(long millis, double value) {
    return List.of(new BigDecimal(millis).movePointLeft(3).stripTrailingZeros(), number(value));
  }

  public static Map<String, String> labels(Labels labels) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      out.put(labels.name(i), labels.value(i));
    }
    return out;
  }

  /** A value as Prometheus writes it: Go's {@code FormatFloat(v, 'f', -1, 64)}, {@code NaN}, {@code +Inf}, {@code -Inf}. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /**
   * Decimal seconds to whole milliseconds, refusing ({@link ArithmeticException}) a magnitude no long holds before
   * scaling it: {@code 1e30000000} would otherwise be expanded to thirty million digits (seconds of CPU) only to be
   * refused after.
   */
  private static long secondsToMillis(String text) {
    String t = text.trim();
    if (t.length() > 64) {
      throw new NumberFormatException("too long for a number");
    }
    BigDecimal seconds = new BigDecimal(t);
    if (seconds.precision() - seconds.scale() > 16 || seconds.scale() > 20) { // at least 1e16 s, or digits below 1e-20 s
      throw new ArithmeticException("out of range");
    }
    return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
  }

  /**
   * A time parameter: Unix seconds (with a fraction) or RFC 3339, as Prometheus accepts.
   *
   * @throws IllegalArgumentException naming the parameter
   */
  public static long time(String name, String text) {
    try {
      return secondsToMillis(text);
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        return Instant.parse(text.trim()).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("invalid parameter \"" + name + "\": cannot parse \"" + text + "\" to a valid timestamp");
      }
    }
  }

  /**
   * A duration parameter: seconds (with a fraction) or a Prometheus duration ({@code 15s}, {@code 1m30s}).
   *
   * @throws IllegalArgumentException naming the parameter
   */
  public static long duration(String name, String text) {
    try {
      long ms = secondsToMillis(text);
      if (ms <= 0) {
        throw new IllegalArgumentException("invalid parameter \"" + name + "\": zero or negative query resolution step widths are not accepted. "
            + "Try a positive integer");
      }
      return ms;
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        long ms = dev.plimsoll.promql.parse.Durations.parseMillis(text.trim());
        if (ms < 0) {
          throw new IllegalArgumentException("invalid parameter \"" + name + "\": cannot parse \"" + text + "\" to a valid duration");
        }
        if (ms == 0) {
          throw new IllegalArgumentException("invalid parameter \"" + name + "\": must be positive");
        }
        return ms;
      } catch (RuntimeException e2) {
        if (e2 instanceof IllegalArgumentException iae && iae.getMessage().startsWith("invalid parameter")) {
          throw iae;
        }
        throw new IllegalArgumentException("invalid parameter \"" + name + "\": cannot parse \"" + text + "\" to a valid duration");
      }
    }
  }
}
