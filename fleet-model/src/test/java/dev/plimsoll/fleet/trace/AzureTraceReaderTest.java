package dev.plimsoll.fleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the reader only needs a {@link java.io.Reader}. */
class AzureTraceReaderTest {

  private static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

  private static Trace read(String csv) throws IOException {
    return AzureTraceReader.readAll(new StringReader(csv));
  }

  @Test
  void readsGoodRowsWithArrivalsRelativeToTheFirst() throws IOException {
    Trace trace = read(HEADER + """
        2023-11-16 18:15:46.6805900,374,44
        2023-11-16 18:15:50.9951690,396,109
        2023-11-16 18:15:50.9951690,0,1
        2023-11-16 18:16:46.6805901,879,55
        """);
    assertEquals(LocalDateTime.of(2023, 11, 16, 18, 15, 46, 680_590_000), trace.start());
    assertEquals(List.of(
        new InferenceRequest(0, 0.0, 374, 44),
        new InferenceRequest(1, 4.314579, 396, 109),
        new InferenceRequest(2, 4.314579, 0, 1),
        new InferenceRequest(3, 60.0000001, 879, 55)), trace.requests());
    assertEquals(60.0000001, trace.spanSeconds(), 1e-12);
  }

  @Test
  void readsTheWeekLongTracesTimestampsWithAZoneAndSixOrNoFractionalDigits() throws IOException {
    // As the 2024 week-long traces write them (AzureLLMInferenceDataset2024): microseconds, sometimes none, and +00:00.
    Trace trace = read(HEADER + """
        2024-05-10 00:00:00.009930+00:00,2162,5
        2024-05-10 00:00:01+00:00,2399,6
        2024-05-10 02:00:01.5+02:00,76,15
        2024-05-10 00:00:02.25Z,2376,1
        2024-05-10 00:00:03.000001,7670,8
        """);
    assertEquals(LocalDateTime.of(2024, 5, 10, 0, 0, 0, 9_930_000), trace.start());
    assertEquals(List.of(
        new InferenceRequest(0, 0.0, 2162, 5),
        new InferenceRequest(1, 0.99007, 2399, 6),
        new InferenceRequest(2, 1.49007, 76, 15), // 02:00:01.5 at +02:00 is 00:00:01.5 UTC
        new InferenceRequest(3, 2.24007, 2376, 1),
        new InferenceRequest(4, 2.990071, 7670, 8)), trace.requests());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                          | csv (\\n = newline)                                                                | rows
      CRLF line ends                  | TIMESTAMP,ContextTokens,GeneratedTokens\\r\\n2023-11-16 18:15:46.68,1,2\\r\\n          | 1
      UTF-8 byte order mark           | \\uFEFFTIMESTAMP,ContextTokens,GeneratedTokens\\n2023-11-16 18:15:46.68,1,2            | 1
      blank lines are skipped         | TIMESTAMP,ContextTokens,GeneratedTokens\\n\\n2023-11-16 18:15:46,1,2\\n\\n             | 1
      spaces around fields            | TIMESTAMP, ContextTokens ,GeneratedTokens\\n 2023-11-16 18:15:46.1 , 1 , 2            | 1
      header only                     | TIMESTAMP,ContextTokens,GeneratedTokens\\n                                              | 0
      """)
  void toleratesHarmlessVariations(String name, String csv, int rows) throws IOException {
    assertEquals(rows, read(unescape(csv)).size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                        | csv after the header (\\n = newline)                                     | line | message contains
      too few columns               | 2023-11-16 18:15:46.6805900,374                                             |    2 | expected 3 columns
      too many columns              | 2023-11-16 18:15:46.6805900,374,44\\n2023-11-16 18:15:47.0,1,2,3           |    3 | but found 4
      not a timestamp               | 2023-11-16 18:15:46.6805900,374,44\\nyesterday,1,2                         |    3 | TIMESTAMP 'yesterday'
      impossible date               | 2023-02-30 18:15:46.6805900,374,44                                          |    2 | TIMESTAMP '2023-02-30
      ISO T separator               | 2023-11-16T18:15:46.6805900,374,44                                          |    2 | is not a date-time
      offset without a colon        | 2023-11-16 18:15:46.6805900+0000,374,44                                     |    2 | is not a date-time
      named zone                    | 2023-11-16 18:15:46.6805900 UTC,374,44                                      |    2 | is not a date-time
      negative context tokens       | 2023-11-16 18:15:46.6805900,-374,44                                         |    2 | ContextTokens '-374' is not a non-negative integer
      non-numeric generated tokens  | 2023-11-16 18:15:46.6805900,374,many                                        |    2 | GeneratedTokens 'many'
      fractional tokens             | 2023-11-16 18:15:46.6805900,374.5,44                                        |    2 | ContextTokens '374.5'
      empty token field             | 2023-11-16 18:15:46.6805900,,44                                             |    2 | ContextTokens ''
      out of order rows             | 2023-11-16 18:15:47.0,1,1\\n2023-11-16 18:15:48.0,1,1\\n2023-11-16 18:15:46.0,1,1 | 4 | earlier than the previous row
      error after a blank line      | 2023-11-16 18:15:47.0,1,1\\n\\n\\nbad                                      |    5 | expected 3 columns
      """)
  void rejectsMalformedRowsNamingTheLine(String name, String rows, long line, String message) {
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(HEADER + unescape(rows)));
    assertEquals(line, e.lineNumber());
    assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(message), () -> "'" + e.getMessage() + "' should contain '" + message + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case              | csv                                                        | message contains
      empty input         | ''                                                         | the trace is empty
      wrong header        | time,prompt,output\\n2023-11-16 18:15:46.6805900,374,44   | expected the header TIMESTAMP,ContextTokens,GeneratedTokens
      header missing      | 2023-11-16 18:15:46.6805900,374,44                         | but found '2023-11-16
      """)
  void rejectsBadHeaderOnLineOne(String name, String csv, String message) {
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(unescape(csv)));
    assertEquals(1, e.lineNumber());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void streamsOneRowAtATime() throws IOException {
    AzureTraceReader reader = new AzureTraceReader(new StringReader(HEADER + "2023-11-16 18:15:46.5,1,2\n"
        + "2023-11-16 18:15:47.0,3,4\nnot,a,row\n"));
    assertNull(reader.start());
    assertEquals(new InferenceRequest(0, 0, 1, 2), reader.next());
    assertEquals(new InferenceRequest(1, 0.5, 3, 4), reader.next());
    TraceFormatException e = assertThrows(TraceFormatException.class, reader::next);
    assertEquals(4, e.lineNumber());
  }

  @Test
  void readsTheAzureConversationTraceExcerpt() throws IOException {
    // first 200 rows of AzureLLMInferenceTrace_conv.csv (CC BY 4.0; see ATTRIBUTION.md next to it)
    try (InputStream in = getClass().getResourceAsStream("/traces/azure-llm-2023/AzureLLMInferenceTrace_conv-first200.csv")) {
      assertNotNull(in, "excerpt on the test classpath");
      Trace trace = AzureTraceReader.readAll(new InputStreamReader(in, StandardCharsets.UTF_8));
      assertEquals(200, trace.size());
      assertEquals(LocalDateTime.of(2023, 11, 16, 18, 15, 46, 680_590_000), trace.start());
      assertEquals(61.263537, trace.spanSeconds(), 1e-9); // 18:16:47.9441270 - 18:15:46.6805900
      assertEquals(new InferenceRequest(0, 0, 374, 44), trace.requests().get(0));
      assertEquals(new InferenceRequest(199, 61.263537, 1143, 409), trace.requests().get(199));
      assertEquals(180_695, trace.requests().stream().mapToLong(InferenceRequest::promptTokens).sum());
      assertEquals(47_050, trace.requests().stream().mapToLong(InferenceRequest::outputTokens).sum());
      for (int i = 1; i < trace.size(); i++) {
        assertTrue(trace.requests().get(i).arrival() >= trace.requests().get(i - 1).arrival());
      }
    }
  }

  @Test
  void emptyTraceHasNoStartAndNoSpan() throws IOException {
    Trace trace = read(HEADER);
    assertNull(trace.start());
    assertEquals(0, trace.spanSeconds());
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\r", "\r").replace("\\uFEFF", "\uFEFF");
  }
}
