package dev.plimsoll.exposition;

/**
 * Number parsing straight from the bytes of an exposition. Floats follow {@link GoFloat} (the syntax
 * Prometheus accepts); the common case, a decimal with at most 15 significant digits and a small
 * exponent, is computed exactly without building a string (one multiplication or division of two
 * exactly representable doubles rounds correctly); everything else goes through {@link GoFloat}.
 */
final class Numbers {
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private Numbers() {}

  /**
   * Parses {@code buf[from, to)} as a float.
   *
   * @throws NumberFormatException with a reason when it is not one
   */
  static double parseFloat(byte[] buf, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (buf[i] == '-' || buf[i] == '+')) {
      negative = buf[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int exponent = 0;
    int digits = 0;
    while (i < to && buf[i] >= '0' && buf[i] <= '9') {
      int d = buf[i++] - '0';
      digits++;
      if (mantissa != 0 || d != 0) {
        if (significant < 18) {
          mantissa = mantissa * 10 + d;
        } else {
          exponent++;
        }
        significant++;
      }
    }
    if (i < to && buf[i] == '.') {
      i++;
      while (i < to && buf[i] >= '0' && buf[i] <= '9') {
        int d = buf[i++] - '0';
        digits++;
        if (mantissa != 0 || d != 0) {
          if (significant < 18) {
            mantissa = mantissa * 10 + d;
            exponent--;
          }
          significant++;
        } else {
          exponent--;
        }
      }
    }
    if (digits > 0 && i < to && (buf[i] == 'e' || buf[i] == 'E')) {
      int j = i + 1;
      boolean negativeExponent = false;
      if (j < to && (buf[j] == '+' || buf[j] == '-')) {
        negativeExponent = buf[j] == '-';
        j++;
      }
      int e = 0;
      int exponentDigits = 0;
      while (j < to && buf[j] >= '0' && buf[j] <= '9') {
        if (e < 100_000) {
          e = e * 10 + (buf[j] - '0');
        }
        j++;
        exponentDigits++;
      }
      if (exponentDigits > 0) {
        exponent += negativeExponent ? -e : e;
        i = j;
      }
    }
    if (digits > 0 && i == to && significant <= 15) {
      double v;
      if (mantissa == 0) {
        v = 0;
      } else if (exponent >= 0 && exponent <= 22) {
        v = mantissa * POWERS_OF_TEN[exponent];
        if (v >= 1e300) { // cannot happen for 15 digits and exponent <= 22; kept for clarity
          return slow(buf, from, to);
        }
      } else if (exponent < 0 && exponent >= -22) {
        v = mantissa / POWERS_OF_TEN[-exponent];
      } else {
        return slow(buf, from, to);
      }
      return negative ? -v : v;
    }
    return slow(buf, from, to);
  }

  private static double slow(byte[] buf, int from, int to) {
    return GoFloat.parse(new AsciiView(buf, from, to), 0, to - from);
  }

  /**
   * Parses {@code buf[from, to)} as a decimal integer with an optional sign.
   *
   * @throws NumberFormatException with a reason when it is not one or does not fit in a long
   */
  static long parseLong(byte[] buf, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (buf[i] == '-' || buf[i] == '+')) {
      negative = buf[i] == '-';
      i++;
    }
    if (i == to) {
      throw new NumberFormatException("not an integer");
    }
    long v = 0;
    for (; i < to; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        throw new NumberFormatException("not an integer");
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new NumberFormatException("integer out of range");
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** Bytes as characters, for the rare numbers the fast path leaves to {@link GoFloat}. */
  private record AsciiView(byte[] buf, int from, int to) implements CharSequence {
    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      return (char) (buf[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new AsciiView(buf, from + start, from + end);
    }

    @Override
    public String toString() {
      return new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
