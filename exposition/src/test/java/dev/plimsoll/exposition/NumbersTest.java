package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The byte-level float parser must give exactly what {@link GoFloat} (and so Double.parseDouble) gives. */
class NumbersTest {

  @ParameterizedTest
  @CsvSource({
      "0", "-0", "1", "-1.5", ".5", "5.", "6.634254336e+09", "1e-7", "0.1", "0.30000000000000004", "123456789012345",
      "1234567890123456789", "9007199254740993", "1.7976931348623157e308", "4.9e-324", "1e22", "1e23", "1e-22", "1e-23",
      "0000000000000000000000000000000000000000001.2e-1", "+Inf", "-Inf", "Inf", "infinity", "NaN", "nan", "00.000100"})
  void agreesWithGoFloat(String text) {
    double expected = GoFloat.parse(text);
    double actual = parse(text);
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), text);
  }

  @ParameterizedTest
  @CsvSource({"abc", "1_000", "0x1p3", "1e", "-", "''", "1.2.3", "+NaN", "1e400", "--1"})
  void rejectsWhatGoFloatRejects(String text) {
    assertThrows(NumberFormatException.class, () -> parse(text));
  }

  @Test
  void agreesWithDoubleParseDoubleOnRandomDecimals() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      long mantissa = random.nextLong(1, 1_000_000_000_000_000L);
      int exponent = random.nextInt(-30, 30);
      String text = random.nextBoolean() ? mantissa + "e" + exponent : insertPoint(Long.toString(mantissa), random);
      assertEquals(Double.parseDouble(text), parse(text), text);
    }
  }

  private static String insertPoint(String digits, SplittableRandom random) {
    int at = random.nextInt(0, digits.length() + 1);
    return digits.substring(0, at) + "." + digits.substring(at) + (at == digits.length() ? "0" : "");
  }

  private static double parse(String text) {
    byte[] b = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
    return Numbers.parseFloat(b, 1, b.length - 1);
  }
}
