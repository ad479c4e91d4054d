package dev.plimsoll.simulator.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.trace.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: loading the bundled trace and failing clearly on bad ones. */
class TraceSourceTest {

  static final String BUNDLED = "classpath:traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv";

  @Test
  void bundledAzureConversationTrace() {
    Trace trace = TraceSource.load(BUNDLED);
    assertEquals(19_366, trace.size());
    assertEquals(3_501.72, trace.spanSeconds(), 0.01); // 18:15:46.68 to 19:14:08.40
    assertEquals(LocalDateTime.of(2023, 11, 16, 18, 15, 46, 680_590_000), trace.start());
    assertEquals(new InferenceRequest(0, 0, 374, 44), trace.requests().get(0));
    double meanPrompt = trace.requests().stream().mapToInt(InferenceRequest::promptTokens).average().orElseThrow();
    double meanOutput = trace.requests().stream().mapToInt(InferenceRequest::outputTokens).average().orElseThrow();
    assertEquals(1_155, meanPrompt, 1);
    assertEquals(211, meanOutput, 1);
  }

  @Test
  void sameTraceFromAFilePath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("trace.csv");
    Files.writeString(file, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.0,10,2\n2023-11-16 18:15:48.5,20,3\n");
    Trace trace = TraceSource.load(file.toString());
    assertEquals(2, trace.size());
    assertEquals(2.5, trace.spanSeconds(), 1e-9);
  }

  @Test
  void aMooncakeOrBurstGptTraceToo(@TempDir Path dir) throws IOException {
    Path mooncake = Files.writeString(dir.resolve("trace.jsonl"),
        "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 2}\n{\"timestamp\": 2500, \"input_length\": 20, \"output_length\": 3}\n");
    assertEquals(2.5, TraceSource.load(mooncake.toString()).spanSeconds(), 1e-9);
    Path burst = Files.writeString(dir.resolve("burst.csv"),
        "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,ChatGPT,10,2,12,API log\n7.5,GPT-4,20,3,23,API log\n");
    assertEquals(2.5, TraceSource.load(burst.toString()).spanSeconds(), 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                 | content (\\n = newline)                                                                  | message contains
      malformed row          | TIMESTAMP,ContextTokens,GeneratedTokens\\n2023-11-16 18:15:46.0,10,2\\n2023-11-16 18:15:47.0,x,2 | line 3: ContextTokens 'x' is not a non-negative integer
      wrong header           | time,in,out\\n                                                                               | line 1: not a trace this reads
      no requests            | TIMESTAMP,ContextTokens,GeneratedTokens\\n                                                   | has no requests
      """)
  void badTraceFailsWithTheLocationAndLine(String name, String content, String message, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, content.replace("\\n", "\n"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TraceSource.load(file.toString()));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void missingTraceIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TraceSource.load("classpath:nope.csv"));
    assertEquals("cannot read trace classpath:nope.csv: no such classpath resource", e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> TraceSource.load("/no/such/trace.csv"));
    assertEquals("cannot read trace /no/such/trace.csv: no such file", e.getMessage());
  }
}
