package dev.plimsoll.promql.eval;

import java.math.BigDecimal;

/** Go's {@code %g} and {@code %q} formatting, for messages that must match Prometheus' byte for byte. */
public final class GoFormat {
  private GoFormat() {}

  /** {@code fmt.Sprintf("%g", v)}: shortest digits, exponent form when the exponent is < -4 or >= 6. */
  public static String g(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    String sign = v < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = Integer.toString(Math.abs(exp));
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return sign + d.toPlainString();
  }

  /** Appends {@code strconv.Quote(s)}. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  public static String quote(String s) {
    var sb = new StringBuilder();
    quote(sb, s);
    return sb.toString();
  }
}
