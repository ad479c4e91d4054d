package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sample values follow Go's ParseFloat without hex floats and digit separators, as Prometheus does. */
class GoFloatTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0                     | 0.0
      -0                    | -0.0
      42                    | 42.0
      +3.25                 | 3.25
      .5                    | 0.5
      5.                    | 5.0
      6.634254336e+09       | 6.634254336E9
      1E-3                  | 0.001
      10.950000000000001    | 10.950000000000001
      1e-400                | 0.0
      +Inf                  | Infinity
      -Inf                  | -Infinity
      inf                   | Infinity
      Infinity              | Infinity
      -infinity             | -Infinity
      NaN                   | NaN
      nan                   | NaN
      """)
  void parsesGoFloats(String text, double expected) {
    assertEquals(expected, GoFloat.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # text      | why
      ``          | empty
      abc         | not a number
      0x10        | hex
      0x1p-2      | hex float
      1_000       | digit separator
      1e          | exponent without digits
      1e+         | exponent without digits
      .           | no digits
      +           | sign only
      --1         | double sign
      1.2.3       | two dots
      +NaN        | signed NaN
      Infx        | trailing text
      1d          | Java suffix
      ` 1`        | leading blank
      1e400       | overflow
      -1e400      | overflow
      """)
  void rejectsEverythingElse(String text, String why) {
    assertThrows(NumberFormatException.class, () -> GoFloat.parse(text), why);
  }
}
