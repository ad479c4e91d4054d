package dev.plimsoll.simulator.exposition;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the Prometheus text format 0.0.4 the way Python's {@code prometheus_client} (and so vLLM) prints it:
 * {@code # HELP} and {@code # TYPE} per family, labels sorted by name, values as Python's {@code repr} of a float
 * with Go's switch to exponents for large numbers ({@code 5.0}, {@code 0.001}, {@code 1.048576e+06}).
 */
public final class PrometheusText {

  /** The Content-Type of this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder();

  /** Starts a family: {@code type} is {@code counter}, {@code gauge} or {@code histogram}. */
  public PrometheusText family(String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample line; labels are printed sorted by name. */
  public PrometheusText sample(String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(label.getKey()).append("=\"").append(escapeLabelValue(label.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(formatValue(value)).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** {@code prometheus_client}'s {@code floatToGoString}: Python's float repr, exponent form from 10^7 up. */
  public static String formatValue(double d) {
    if (d == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (d == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    if (Double.isNaN(d)) {
      return "NaN";
    }
    String s = pythonRepr(d);
    int dot = s.indexOf('.');
    if (d > 0 && dot > 6) {
      String mantissa = stripTrailing(s.charAt(0) + "." + s.substring(1, dot) + s.substring(dot + 1));
      return mantissa + "e+0" + (dot - 1); // sic: prometheus_client always writes "e+0" then the exponent
    }
    return s;
  }

  /** Python's {@code repr(float)}: the shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
  static String pythonRepr(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    String sign = d < 0 ? "-" : "";
    // Double.toString gives the shortest digits that round-trip (JDK 19+), like Python's repr
    BigDecimal value = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = value.unscaledValue().toString();
    int decpt = digits.length() - value.scale(); // value = 0.<digits> x 10^decpt
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        return sign + "0." + "0".repeat(-decpt) + digits;
      }
      if (decpt >= digits.length()) {
        return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
      }
      return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
    }
    int exponent = decpt - 1;
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }

  private static String stripTrailing(String s) { // Python's rstrip('0.')
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '0' || s.charAt(end - 1) == '.')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
  }
}
