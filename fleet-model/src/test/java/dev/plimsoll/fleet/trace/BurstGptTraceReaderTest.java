package dev.plimsoll.fleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rows in the shapes BurstGPT's README documents (its schema; the data itself is not in this repository). */
class BurstGptTraceReaderTest {
  private static final String HEADER = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n";

  private static Trace read(String csv) throws IOException {
    return BurstGptTraceReader.readAll(new StringReader(csv));
  }

  @Test
  void readsTheSixColumnReleaseWithArrivalsRelativeToTheFirstRow() throws IOException {
    Trace trace = read(HEADER + """
        5,ChatGPT,472,18,490,Conversation log
        45,ChatGPT,1087,230,1317,Conversation log
        45,GPT-4,417,276,693,API log
        118.25,GPT-4,300,0,300,API log
        """);
    assertNull(trace.start());
    assertEquals(List.of(
        new InferenceRequest(0, 0, 472, 18),
        new InferenceRequest(1, 40, 1087, 230),
        new InferenceRequest(2, 40, 417, 276),
        new InferenceRequest(3, 113.25, 300, 0)), trace.requests()); // a failure: its prompt, no output
  }

  @Test
  void readsTheEightColumnReleaseWithSessionsAndElapsedTimes() throws IOException {
    Trace trace = read("""
        Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type\r
        0.5,4f1c,3.2,ChatGPT,100,20,120,Conversation log\r
        7,,1.1,GPT-4,200,30,230,API log\r
        """);
    assertEquals(List.of(new InferenceRequest(0, 0, 100, 20), new InferenceRequest(1, 6.5, 200, 30)), trace.requests());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                    | csv after the header (\\n = newline)                         | line | message
      too few columns           | 5,ChatGPT,472,18,490                                          |    2 | line 2: expected 6 columns, as in the header, but found 5
      not a number              | 5,ChatGPT,472,18,490,x\\nsoon,ChatGPT,1,1,2,x                 |    3 | line 3: Timestamp 'soon' is not a number of seconds
      negative timestamp        | -1,ChatGPT,472,18,490,x                                       |    2 | line 2: Timestamp '-1' is negative
      huge timestamp            | 0,ChatGPT,1,1,2,x\\n1e999,ChatGPT,1,1,2,x                     |    3 | line 3: Timestamp '1e999' is too large
      tiny exponent             | 5,ChatGPT,1,1,2,x\\n1e-999999999,ChatGPT,1,1,2,x              |    3 | line 3: Timestamp 1e-999999999 is earlier than the previous row's (5)
      NaN                       | NaN,ChatGPT,1,1,2,x                                           |    2 | line 2: Timestamp 'NaN' is not a number of seconds
      Java's float suffix       | 5d,ChatGPT,1,1,2,x                                            |    2 | line 2: Timestamp '5d' is not a number of seconds
      out of order              | 5,ChatGPT,1,1,2,x\\n4.5,ChatGPT,1,1,2,x                       |    3 | line 3: Timestamp 4.5 is earlier than the previous row's (5); rows must be sorted by time
      negative tokens           | 5,ChatGPT,-1,18,17,x                                          |    2 | line 2: Request tokens '-1' is not a non-negative integer
      fractional tokens         | 5,ChatGPT,1,1.5,2,x                                           |    2 | line 2: Response tokens '1.5' is not a non-negative integer
      after blank lines         | 5,ChatGPT,1,1,2,x\\n\\n\\nbad                                 |    5 | line 5: expected 6 columns
      """)
  void rejectsMalformedRowsNamingTheLine(String name, String rows, long line, String message) {
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(HEADER + rows.replace("\\n", "\n")));
    assertEquals(line, e.lineNumber());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void aHeaderWithoutTheTokenColumnsIsRejectedOnLineOne() {
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> read("Timestamp,Model,Tokens\n1,ChatGPT,3\n"));
    assertEquals(1, e.lineNumber());
    assertTrue(e.getMessage().contains("expected a header naming each of Timestamp, Request tokens, Response tokens once"), e.getMessage());
    assertEquals("line 1: the trace is empty; expected a header with the columns Timestamp, Request tokens, Response tokens",
        assertThrows(TraceFormatException.class, () -> read("")).getMessage());
  }
}
