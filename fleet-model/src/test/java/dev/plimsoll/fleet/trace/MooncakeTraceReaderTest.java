package dev.plimsoll.fleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Mooncake JSONL trace: the real synthetic release read whole, and every malformed line named. */
class MooncakeTraceReaderTest {

  @Test
  void theRealSyntheticTraceReadsWhole() throws Exception {
    Trace t;
    try (var in = new InputStreamReader(MooncakeTraceReaderTest.class.getResourceAsStream("/traces/mooncake/synthetic_trace.jsonl"),
        StandardCharsets.UTF_8)) {
      t = MooncakeTraceReader.readAll(in);
    }
    // The release's README: 3,993 requests, mean input 15,325 and output 149 tokens; the manifest: 0 to 1,022,025 ms.
    assertEquals(3993, t.size());
    assertEquals(1022.025, t.spanSeconds(), 1e-9);
    assertEquals(new InferenceRequest(0, 0, 40160, 6), t.requests().get(0));
    double input = t.requests().stream().mapToInt(InferenceRequest::promptTokens).average().orElseThrow();
    double output = t.requests().stream().mapToInt(InferenceRequest::outputTokens).average().orElseThrow();
    assertEquals(15325, input, 1);
    assertEquals(149, output, 1);
    assertNull(t.start());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not an object          | [1, 2]                                                                 | line 2: expected '{' at column 1
      a missing field        | {"timestamp": 5, "input_length": 3}                                    | line 2: "output_length" is missing or not an integer
      a fraction             | {"timestamp": 5.5, "input_length": 3, "output_length": 1}              | line 2: "timestamp" is missing or not an integer
      a negative count       | {"timestamp": 5, "input_length": -3, "output_length": 1}               | line 2: timestamp, input_length and output_length must be non-negative
      earlier than before    | {"timestamp": 0, "input_length": 3, "output_length": 1}                | line 2: timestamp 0 is earlier than the previous line's (10)
      text after the object  | {"timestamp": 20, "input_length": 3, "output_length": 1} x             | line 2: one JSON object per line expected; text follows it at column 58
      a broken string        | {"timestamp": 20, "input_length": 3, "output_length": 1, "x": "abc     | line 2: the line ends too early at column 67
      """)
  void aMalformedLineIsNamed(String name, String line, String message) {
    String trace = "{\"timestamp\": 10, \"input_length\": 7, \"output_length\": 2, \"hash_ids\": [1, 2]}\n" + line + "\n";
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> MooncakeTraceReader.readAll(new StringReader(trace)));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertEquals(2, e.lineNumber());
  }

  @Test
  void blankLinesOtherFieldsAndABomAreAccepted() throws Exception {
    Trace t = MooncakeTraceReader.readAll(new StringReader("""
        \uFEFF{"timestamp": 1000, "input_length": 7, "output_length": 2, "session": {"id": "a\\"b", "turns": [1, {"x": null}]}, "ok": true}

        {"output_length": 3, "timestamp": 2500, "input_length": 8}
        """));
    assertEquals(2, t.size());
    assertEquals(new InferenceRequest(1, 1.5, 8, 3), t.requests().get(1));
  }
}
