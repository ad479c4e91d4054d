package dev.plimsoll.exposition;

/**
 * Parses sample values the way Prometheus does: Go's {@code strconv.ParseFloat} restricted to the
 * pre-Go-1.13 syntax (no hexadecimal floats, no {@code _} digit separators). Accepted: decimal numbers
 * with optional sign, fraction and exponent ({@code 1}, {@code -1.5}, {@code .5}, {@code 5.},
 * {@code 6.6e+09}); {@code Inf}/{@code Infinity} with optional sign and {@code NaN}, case-insensitive.
 */
public final class GoFloat {

  private GoFloat() {}

  /**
   * Parses the whole string.
   *
   * @throws NumberFormatException with a reason when the text is not a float or is out of range
   */
  public static double parse(String text) {
    return parse(text, 0, text.length());
  }

  /**
   * Parses {@code text[from, to)}.
   *
   * @throws NumberFormatException with a reason when the text is not a float or is out of range
   */
  public static double parse(CharSequence text, int from, int to) {
    if (from >= to) {
      throw new NumberFormatException("empty number");
    }
    int i = from;
    char first = text.charAt(i);
    boolean signed = first == '+' || first == '-';
    if (signed) {
      i++;
    }
    if (i < to) {
      char c = text.charAt(i);
      if (c == 'i' || c == 'I') {
        if (equalsIgnoreCase(text, i, to, "inf") || equalsIgnoreCase(text, i, to, "infinity")) {
          return first == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new NumberFormatException("not a number");
      }
      if ((c == 'n' || c == 'N') && !signed) {
        if (equalsIgnoreCase(text, i, to, "nan")) {
          return Double.NaN;
        }
        throw new NumberFormatException("not a number");
      }
    }
    int mantissaDigits = 0;
    while (i < to && isDigit(text.charAt(i))) {
      i++;
      mantissaDigits++;
    }
    if (i < to && text.charAt(i) == '.') {
      i++;
      while (i < to && isDigit(text.charAt(i))) {
        i++;
        mantissaDigits++;
      }
    }
    if (mantissaDigits == 0) {
      throw new NumberFormatException("not a number");
    }
    if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < to && isDigit(text.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        throw new NumberFormatException("exponent has no digits");
      }
    }
    if (i != to) {
      throw new NumberFormatException("unexpected character '" + text.charAt(i) + "' in number");
    }
    // The syntax above is a subset of what Double.parseDouble accepts, with the same meaning.
    double value = Double.parseDouble(text.subSequence(from, to).toString());
    if (Double.isInfinite(value)) {
      throw new NumberFormatException("number out of range");
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean equalsIgnoreCase(CharSequence text, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (Character.toLowerCase(text.charAt(from + k)) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
