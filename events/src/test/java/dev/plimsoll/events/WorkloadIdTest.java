package dev.plimsoll.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      """)
  void rejects(String input, String message) {
    var e = assertThrows(IllegalArgumentException.class, () -> WorkloadId.parse(input));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
