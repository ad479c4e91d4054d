package dev.plimsoll.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"kubernetes/llm/Deployment/vllm-llama", "swarm/default/Service/rag-api", "simulated/demo/Fleet/chat"})
  void roundTrips(String text) {
    assertEquals(text, WorkloadId.parse(text).toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # input                              | message contains
      kubernetes/llm/vllm                  | 3 segment(s)
      kubernetes/llm/Deployment/vllm/extra | 5 segment(s)
      kubernetes//Deployment/vllm          | namespace
      ' '                                  | empty
      kubernetes/llm/Deployment/vllm{nul}  | control characters
      kubernetes/llm{tab}x/Deployment/vllm | control characters
      kubernetes/llm/Deployment/{long}     | at most 253
      """)
  void rejects(String input, String message) {
    // placeholders keep the table printable; {long} is one character over the limit
    String text = input.replace("{nul}", "\0").replace("{tab}", "\t").replace("{long}", "v".repeat(WorkloadId.MAX_SEGMENT + 1));
    var e = assertThrows(IllegalArgumentException.class, () -> WorkloadId.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aSegmentMayBeAsLongAsAKubernetesName() {
    String name = "v".repeat(WorkloadId.MAX_SEGMENT);
    assertEquals(name, WorkloadId.parse("kubernetes/llm/Deployment/" + name).name());
  }
}
