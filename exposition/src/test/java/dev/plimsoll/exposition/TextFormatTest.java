package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the parser is a pure function of its input, so no container is started. */
class TextFormatTest {
  /** Stands for a line feed in the tables, which cannot hold raw new lines. */
  private static final String NL = "⏎";

  private final ExpositionParser parser = ExpositionParser.text();

  // ---- the real vLLM exposition ----

  @Test
  void parsesTheVllmFixtureCompletely() throws IOException {
    String text = fixture("/fixtures/vllm/datadog-vllm_metrics.txt");

    // Expectations computed from the raw lines, independently of the parser: this file has no blank
    // label values with spaces, so "name{labels} value" splits at the last space.
    var expectedTypes = new LinkedHashMap<String, String>();
    var expectedSamples = new ArrayList<String[]>(); // name, value text
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        expectedTypes.put(parts[2], parts[3]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        int nameEnd = brace >= 0 && brace < space ? brace : space;
        expectedSamples.add(new String[] {line.substring(0, nameEnd), line.substring(line.lastIndexOf(' ') + 1)});
      }
    }

    Exposition exposition = parser.parse(text);

    assertEquals(expectedSamples.size(), exposition.samples().size(), "samples");
    assertEquals(expectedTypes.size(), exposition.families().size(), "every sample belongs to a declared family");
    expectedTypes.forEach((family, type) -> assertEquals(type, exposition.typeOf(family).typeLineWord(), family));
    expectedTypes.keySet().forEach(family -> assertTrue(exposition.helpOf(family) != null, "HELP of " + family));
    for (int i = 0; i < expectedSamples.size(); i++) {
      Sample sample = exposition.samples().get(i);
      assertEquals(expectedSamples.get(i)[0], sample.name(), "name of sample " + i);
      assertEquals(Double.parseDouble(expectedSamples.get(i)[1]), sample.value(), "value of sample " + i);
      assertTrue(sample.timestampMillis().isEmpty());
    }
  }

  @Test
  void fixtureHistogramsHaveOneLeBucketPerLineAndTheWideInfoLabelsSurvive() throws IOException {
    String text = fixture("/fixtures/vllm/datadog-vllm_metrics.txt");
    Exposition exposition = parser.parse(text);

    String family = "vllm:time_to_first_token_seconds";
    long bucketLines = text.lines().filter(l -> l.startsWith(family + "_bucket{")).count();
    List<Sample> buckets = exposition.samples(family + "_bucket");
    assertEquals(bucketLines, buckets.size());
    assertEquals(family, exposition.familyOf(family + "_bucket"));
    assertEquals(family, exposition.familyOf(family + "_count"));
    assertEquals("+Inf", buckets.get(buckets.size() - 1).labels().get("le"));

    String infoLine = text.lines().filter(l -> l.startsWith("vllm:cache_config_info{")).findFirst().orElseThrow();
    long pairs = infoLine.chars().filter(c -> c == '=').count();
    Labels info = exposition.samples("vllm:cache_config_info").get(0).labels();
    assertEquals(pairs, info.size());
    assertEquals("7281", info.get("num_gpu_blocks"));
  }

  @Test
  void bytesAndStringGiveTheSameResult() throws IOException {
    String text = fixture("/fixtures/vllm/datadog-vllm_metrics.txt");
    assertEquals(parser.parse(text), parser.parse(text.getBytes(StandardCharsets.UTF_8)));
  }

  // ---- valid sample lines ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      # case                          | line                                                   | name                      | labels                              | value         | timestamp
      plain                           | up 1                                                   | up                        | {}                                  | 1.0           |
      colons in name                  | vllm:num_requests_waiting{model_name="m"} 3            | vllm:num_requests_waiting | {model_name="m"}                    | 3.0           |
      labels sorted                   | m{z="1",a="2"} 0                                       | m                         | {a="2",z="1"}                       | 0.0           |
      trailing comma                  | m{a="1",} 2                                            | m                         | {a="1"}                             | 2.0           |
      empty braces                    | m{} 2                                                  | m                         | {}                                  | 2.0           |
      blanks inside braces            | m{ a = "1" , b="2" } 2                                 | m                         | {a="1",b="2"}                       | 2.0           |
      escaped backslash               | m{p="C:\\\\dir"} 1                                     | m                         | {p="C:\\\\dir"}                     | 1.0           |
      escaped quote                   | m{q="say \\"hi\\""} 1                                  | m                         | {q="say \\"hi\\""}                  | 1.0           |
      escaped new line                | m{n="a\\nb"} 1                                         | m                         | {n="a\\nb"}                         | 1.0           |
      braces and comma in value       | m{v="{a,b}=c"} 1                                       | m                         | {v="{a,b}=c"}                       | 1.0           |
      utf-8 label value               | m{city="Zürich"} 1                                     | m                         | {city="Zürich"}                     | 1.0           |
      empty label value               | m{a=""} 1                                              | m                         | {a=""}                              | 1.0           |
      exponent                        | process_virtual_memory_bytes 6.634254336e+09           | process_virtual_memory_bytes | {}                               | 6.634254336E9 |
      negative                        | m -1.5                                                 | m                         | {}                                  | -1.5          |
      leading dot                     | m .5                                                   | m                         | {}                                  | 0.5           |
      trailing dot                    | m 5.                                                   | m                         | {}                                  | 5.0           |
      plus Inf                        | m +Inf                                                 | m                         | {}                                  | Infinity      |
      minus Inf                       | m -Inf                                                 | m                         | {}                                  | -Infinity     |
      Inf without sign                | m Inf                                                  | m                         | {}                                  | Infinity      |
      NaN                             | m NaN                                                  | m                         | {}                                  | NaN           |
      nan lower case                  | m nan                                                  | m                         | {}                                  | NaN           |
      timestamp                       | m 1 1712345678901                                      | m                         | {}                                  | 1.0           | 1712345678901
      negative timestamp              | m 1 -1                                                 | m                         | {}                                  | 1.0           | -1
      tabs as blanks                  | '\tm\t{a="1"}\t7\t42\t'                               | m                         | {a="1"}                             | 7.0           | 42
      no blank after braces           | m{a="1"}7                                              | m                         | {a="1"}                             | 7.0           |
      unknown escape kept as written  | m{a="\\t"} 1                                          | m                         | {a="\\\\t"}                         | 1.0           |
      """)
  void parsesValidSampleLines(String name, String line, String metric, String labels, double value, Long timestamp) {
    Exposition exposition = parser.parse(line);
    assertEquals(1, exposition.samples().size());
    Sample sample = exposition.samples().get(0);
    assertAll(
        () -> assertEquals(metric, sample.name()),
        () -> assertEquals(labels, sample.labels().toString()),
        () -> assertEquals(value, sample.value()),
        () -> assertEquals(timestamp == null ? OptionalLong.empty() : OptionalLong.of(timestamp), sample.timestampMillis()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                    | text                                                                        | samples | families
      empty text                                |                                                                             | 0       | 0
      blank lines and blanks only               | ⏎   ⏎\t⏎                                                                     | 0       | 0
      comments are ignored                      | # just a comment⏎#another⏎m 1                                               | 1       | 1
      no newline at the end                     | a 1⏎b 2                                                                     | 2       | 2
      newline at the end                        | a 1⏎b 2⏎                                                                    | 2       | 2
      histogram family groups its samples       | # TYPE h histogram⏎h_bucket{le="1"} 1⏎h_bucket{le="+Inf"} 2⏎h_sum 3⏎h_count 2 | 4       | 1
      summary family groups its samples         | # TYPE s summary⏎s{quantile="0.5"} 1⏎s_sum 3⏎s_count 2                       | 3       | 1
      untyped samples are their own families    | x_bucket 1⏎x_sum 1                                                          | 2       | 2
      HELP and TYPE in either order             | # TYPE c counter⏎# HELP c Requests.⏎c 1                                     | 1       | 1
      """)
  void countsSamplesAndFamilies(String name, String text, int samples, int families) {
    Exposition exposition = parser.parse(text == null ? "" : text.replace(NL, "\n"));
    assertEquals(samples, exposition.samples().size());
    assertEquals(families, exposition.families().size());
  }

  @Test
  void typeAndHelpLinesDescribeFamilies() {
    Exposition exposition = parser.parse("""
        # HELP vllm:e2e Latency with a backslash \\\\ and a\\nnew line.
        # TYPE vllm:e2e histogram
        vllm:e2e_bucket{le="1.0"} 1
        vllm:e2e_bucket{le="+Inf"} 1
        # TYPE g gauge
        g 2
        u 3
        """);
    assertEquals(List.of(new Family("vllm:e2e", MetricType.HISTOGRAM, "Latency with a backslash \\ and a\nnew line.", null, 2),
        new Family("g", MetricType.GAUGE, null, null, 1), new Family("u", MetricType.UNTYPED, null, null, 1)), exposition.families());
    assertEquals("Other \\\"escapes\\\" \\t are kept.", parser.parse("# HELP m Other \\\"escapes\\\" \\t are kept.").helpOf("m"));
  }

  // ---- invalid input ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # case                                | text                                          | line | column | message
      name starts with a digit              | 1m 1                                          | 1    | 1      | invalid metric name
      name with a dash                      | my-metric 1                                   | 1    | 3      | after the metric name
      missing value                         | m                                             | 1    | 2      | missing value
      missing value after labels            | m{a="1"}                                      | 1    | 9      | missing value
      value not a number                    | m abc                                         | 1    | 3      | invalid value 'abc'
      hex float rejected                    | m 0x1p3                                       | 1    | 3      | invalid value
      underscore rejected                   | m 1_000                                       | 1    | 3      | invalid value
      signed NaN rejected                   | m +NaN                                        | 1    | 3      | invalid value
      value out of range                    | m 1e400                                       | 1    | 3      | out of range
      float timestamp                       | m 1 1.5                                       | 1    | 5      | invalid timestamp
      timestamp out of range                | m 1 99999999999999999999                      | 1    | 5      | invalid timestamp
      text after timestamp                  | m 1 2 3                                       | 1    | 7      | after the timestamp
      unterminated label set                | m{a="1" 1                                     | 1    | 9      | expected ',' or '}'
      label set cut by end of line          | m{a="1",⏎ 1                                   | 1    | 9      | label set not closed
      label name starts with a digit        | m{1a="x"} 1                                   | 1    | 3      | invalid label name
      label name with a colon               | m{a:b="x"} 1                                  | 1    | 4      | expected '='
      unquoted label value                  | m{a=x} 1                                      | 1    | 5      | expected '"'
      raw new line in label value           | m{a="x⏎y"} 1                                  | 1    | 6      | label value not closed
      unterminated label value              | m{a="x                                        | 1    | 6      | label value not closed
      duplicate label name                  | m{a="1",a="2"} 1                              | 1    | 9      | duplicate label name 'a'
      error on a later line                 | ok 1⏎⏎  bad value                             | 3    | 7      | invalid value 'value'
      unknown TYPE                          | # TYPE m countr                               | 1    | 10     | unknown metric type 'countr'
      TYPE without type                     | # TYPE m                                      | 1    | 9      | missing metric type
      TYPE without name                     | # TYPE                                        | 1    | 7      | missing metric name
      text after TYPE                       | # TYPE m gauge extra                          | 1    | 16     | after the metric type
      second TYPE                           | # TYPE m gauge⏎# TYPE m counter               | 2    | 8      | second TYPE line
      TYPE after samples of its family      | # HELP m x⏎m 1⏎# TYPE m gauge                 | 3    | 8      | after its samples
      second HELP                           | # HELP m a⏎# HELP m b                         | 2    | 8      | second HELP line
      bucket without le                     | # TYPE h histogram⏎h_bucket{x="1"} 1          | 2    | 1      | needs an 'le' label
      bucket with a bad le                  | # TYPE h histogram⏎h_bucket{le="big"} 1       | 2    | 1      | needs an 'le' label holding a number
      summary quantile without quantile     | # TYPE s summary⏎s 1                          | 2    | 1      | needs a 'quantile' label
      """)
  void rejectsInvalidInputWithItsPosition(String name, String text, int line, int column, String message) {
    var e = assertThrows(ExpositionParseException.class, () -> parser.parse(text.replace(NL, "\n")));
    assertAll(
        () -> assertEquals(line, e.line(), "line of: " + e.getMessage()),
        () -> assertEquals(column, e.column(), "column of: " + e.getMessage()),
        () -> assertTrue(e.reason().contains(message), () -> "'" + e.reason() + "' should contain '" + message + "'"),
        () -> assertTrue(e.getMessage().startsWith("line " + line + ":" + column + ": ")));
  }

  @Test
  void rejectsInvalidUtf8AtItsPosition() {
    byte[] body = {'a', ' ', '1', '\n', 'b', '{', 'x', '=', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ' ', '1'};
    var e = assertThrows(ExpositionParseException.class, () -> parser.parse(body));
    assertEquals(2, e.line());
    assertEquals(6, e.column());
    assertTrue(e.reason().contains("UTF-8"));
  }

  private static String fixture(String path) throws IOException {
    try (InputStream in = TextFormatTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
