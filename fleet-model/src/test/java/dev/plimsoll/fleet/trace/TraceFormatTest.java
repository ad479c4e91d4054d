package dev.plimsoll.fleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceFormatTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # first line                                                                                  | format
      TIMESTAMP,ContextTokens,GeneratedTokens                                                       | azure
      \uFEFFTIMESTAMP, ContextTokens ,GeneratedTokens                                               | azure
      Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type                          | burstgpt
      Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type   | burstgpt
      '{"timestamp": 0, "input_length": 40160, "output_length": 6, "hash_ids": [0, 1]}'            | mooncake
      TIMESTAMP,ContextTokens                                                                       | none
      time,prompt,output                                                                            | none
      2023-11-16 18:15:46.6805900,374,44                                                            | none
      """)
  void tellsTheFormatFromTheFirstLine(String line, String format) {
    assertEquals(format.equals("none") ? Optional.empty() : TraceFormat.named(format), TraceFormat.detect(line));
  }

  @Test
  void readsEachFormatWithoutBeingTold() throws IOException {
    assertEquals(new InferenceRequest(1, 1.5, 396, 109), TraceFormat.readAny(new StringReader(
        "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.5,374,44\n2023-11-16 18:15:48,396,109\n")).requests().get(1));
    assertEquals(new InferenceRequest(1, 40, 1087, 230), TraceFormat.readAny(new StringReader(
        "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,ChatGPT,472,18,490,c\n45,ChatGPT,1087,230,1317,c\n"))
        .requests().get(1));
    assertEquals(new InferenceRequest(1, 0.04, 36640, 4), TraceFormat.readAny(new StringReader(
        "\n{\"timestamp\": 0, \"input_length\": 40160, \"output_length\": 6}\n{\"timestamp\": 40, \"input_length\": 36640, \"output_length\": 4}\n"))
        .requests().get(1));
  }

  @Test
  void somethingElseIsNamedOnLineOne() {
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceFormat.readAny(new StringReader("id,when,tokens\n1,2,3\n")));
    assertEquals(1, e.lineNumber());
    assertTrue(e.getMessage().startsWith("line 1: not a trace this reads: expected Azure's header TIMESTAMP,ContextTokens,GeneratedTokens,"
        + " a header with BurstGPT's columns Timestamp, Request tokens, Response tokens, or Mooncake's JSON lines; found 'id,when,tokens'"),
        e.getMessage());
    assertEquals("line 1: the trace is empty", assertThrows(TraceFormatException.class, () -> TraceFormat.readAny(new StringReader("")))
        .getMessage());
    assertEquals("line 1: the trace is empty", assertThrows(TraceFormatException.class, () -> TraceFormat.readAny(new StringReader("\n \n")))
        .getMessage());
  }

  @Test
  void aFirstLineBeyondTheLimitIsAClearError() {
    String huge = "{\"timestamp\": 0, \"pad\": \"" + "x".repeat(TraceFormat.FIRST_LINE_LIMIT) + "\"}\n";
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceFormat.readAny(new StringReader(huge)));
    assertEquals("line 1: no trace starts with more than 1024 KiB before its first line ends", e.getMessage());
  }
}
