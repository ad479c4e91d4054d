package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenMetrics specifics beyond the conformance suite: what is read, and where errors point. */
class OpenMetricsTest {
  private static final String NL = "⏎";

  private final ExpositionParser parser = ExpositionParser.openMetrics();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # case                               | text                                                                                   | families | samples | types
      counter with created                 | # TYPE c counter⏎c_total 1⏎c_created 2⏎# EOF                                            | 1        | 2       | counter
      unknown is untyped                   | # TYPE u unknown⏎u 1⏎# EOF                                                              | 1        | 1       | untyped
      undeclared samples share a family    | a 1⏎a{x="y"} 2⏎b 3⏎# EOF                                                                | 2        | 3       | untyped,untyped
      info                                 | # TYPE i info⏎i_info{v="1"} 1⏎# EOF                                                     | 1        | 1       | info
      stateset                             | # TYPE s stateset⏎s{s="a"} 1⏎s{s="b"} 0⏎# EOF                                           | 1        | 2       | stateset
      gaugehistogram                       | # TYPE g gaugehistogram⏎g_bucket{le="+Inf"} 2⏎g_gcount 2⏎g_gsum 1⏎# EOF                 | 1        | 3       | gaugehistogram
      metadata only                        | # TYPE a gauge⏎# HELP a x⏎# EOF                                                         | 1        | 0       | gauge
      repeat at same timestamp is dropped  | # TYPE a gauge⏎a 1 5⏎a 2 5⏎# EOF                                                         | 1        | 1       | gauge
      empty body with EOF only             | # EOF                                                                                  | 0        | 0       |
      """)
  void readsFamiliesAndSamples(String name, String text, int families, int samples, String types) {
    Exposition e = parser.parse(text.replace(NL, "\n"));
    assertEquals(families, e.families().size());
    assertEquals(samples, e.samples().size());
    List<String> expected = types == null ? List.of() : List.of(types.split(","));
    assertEquals(expected, e.families().stream().map(f -> f.type().typeLineWord()).toList());
  }

  @Test
  void readsTimestampsInSecondsExemplarsUnitsAndHelp() {
    var samples = new ArrayList<Object[]>();
    var families = new ArrayList<Family>();
    new ExpositionReader(ExpositionFormat.OPENMETRICS, ParseLimits.DEFAULT).read("""
        # TYPE rpc_seconds histogram
        # UNIT rpc_seconds seconds
        # HELP rpc_seconds RPC \\"latency\\"\\nin seconds.
        rpc_seconds_bucket{le="0.5"} 1 1700000000.250 # {trace_id="abc"} 0.3 1700000000.1
        rpc_seconds_bucket{le="+Inf"} 2 1700000000.250
        rpc_seconds_count 2 1700000000.250
        rpc_seconds_sum 0.9 1700000000.250
        # EOF
        """.getBytes(StandardCharsets.UTF_8), null, new SampleSink() {
          @Override
          public void sample(String family, MetricType type, Series series, double value, long ts, Exemplar exemplar) {
            samples.add(new Object[] {family, type, series, value, ts, exemplar});
          }

          @Override
          public void family(Family family) {
            families.add(family);
          }
        });
    assertEquals(List.of(new Family("rpc_seconds", MetricType.HISTOGRAM, "RPC \"latency\"\nin seconds.", "seconds", 4)), families);
    Object[] first = samples.get(0);
    Exemplar exemplar = (Exemplar) first[5];
    assertAll(
        () -> assertEquals("rpc_seconds", first[0]),
        () -> assertEquals(MetricType.HISTOGRAM, first[1]),
        () -> assertEquals(1_700_000_000_250L, first[4]),
        () -> assertEquals(Labels.of("trace_id", "abc"), exemplar.labels()),
        () -> assertEquals(0.3, exemplar.value()),
        () -> assertEquals(1_700_000_000_100L, exemplar.timestampMillis()),
        () -> assertNull(samples.get(1)[5]));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # case                                  | text                                                          | line | column | message
      missing EOF                             | a 1                                                           | 1    | 4      | missing # EOF
      missing EOF after newline               | a 1⏎                                                          | 2    | 1      | missing # EOF
      blank line                              | a 1⏎⏎# EOF                                                    | 2    | 1      | blank line
      text after EOF                          | # EOF⏎a 1                                                     | 2    | 1      | after # EOF
      two spaces                              | a  1⏎# EOF                                                    | 1    | 3      | missing value
      trailing space                          | a 1 ⏎# EOF                                                    | 1    | 5      | trailing space
      trailing comma in labels                | a{b="c",} 1⏎# EOF                                             | 1    | 9      | cannot end with a comma
      comment that is not metadata            | # hello world⏎# EOF                                           | 1    | 3      | invalid comment line
      untyped is not an OpenMetrics type      | # TYPE a untyped⏎# EOF                                        | 1    | 10     | unknown metric type 'untyped'
      metadata after samples                  | # TYPE a gauge⏎a 1⏎# HELP a x⏎# EOF                           | 3    | 3      | after its samples
      counter without _total                  | # TYPE a counter⏎a 1⏎# EOF                                    | 3    | 1      | clashes
      negative counter                        | # TYPE a counter⏎a_total -1⏎# EOF                             | 2    | 1      | cannot be negative
      NaN timestamp                           | a 1 NaN⏎# EOF                                                 | 1    | 5      | timestamp cannot be NaN
      timestamps going backwards              | a 1 2⏎a 1 1⏎# EOF                                             | 2    | 1      | went backwards
      exemplar on a gauge                     | # TYPE a gauge⏎a 1 # {x="y"} 1⏎# EOF                          | 2    | 1      | can have exemplars
      missing +Inf bucket                     | # TYPE h histogram⏎h_bucket{le="1"} 1⏎# EOF                   | 3    | 1      | no +Inf bucket
      buckets out of order                    | # TYPE h histogram⏎h_bucket{le="2"} 1⏎h_bucket{le="1"} 1⏎h_bucket{le="+Inf"} 1⏎# EOF | 5 | 1 | out of order
      non-contiguous group                    | # TYPE a gauge⏎a{x="1"} 1⏎a{x="2"} 1⏎a{x="1"} 1⏎# EOF         | 4    | 1      | contiguous
      """)
  void rejectsWithPosition(String name, String text, int line, int column, String message) {
    var e = assertThrows(ExpositionParseException.class, () -> parser.parse(text.replace(NL, "\n")));
    assertAll(
        () -> assertEquals(line, e.line(), "line of: " + e.getMessage()),
        () -> assertEquals(column, e.column(), "column of: " + e.getMessage()),
        () -> assertTrue(e.reason().contains(message), () -> "'" + e.reason() + "' should contain '" + message + "'"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # content type                                                   | format
      application/openmetrics-text; version=1.0.0; charset=utf-8       | OPENMETRICS
      application/openmetrics-text;version=0.0.1                       | OPENMETRICS
      APPLICATION/OPENMETRICS-TEXT                                     | OPENMETRICS
      text/plain; version=0.0.4; charset=utf-8                         | PROMETHEUS_TEXT
      text/plain                                                       | PROMETHEUS_TEXT
      application/json                                                 | PROMETHEUS_TEXT
      """)
  void choosesTheFormatByContentType(String contentType, ExpositionFormat format) {
    assertEquals(format, ExpositionFormat.fromContentType(contentType));
  }

  @Test
  void missingContentTypeMeansTextAndSniffingLooksForEof() {
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.fromContentType(null));
    byte[] om = "a 1\n# EOF\n".getBytes(StandardCharsets.UTF_8);
    byte[] text = "a 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] comment = "a 1\n## EOF\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(ExpositionFormat.OPENMETRICS, ExpositionFormat.sniff(om, om.length));
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.sniff(text, text.length));
    assertEquals(ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.sniff(comment, comment.length));
  }
}
