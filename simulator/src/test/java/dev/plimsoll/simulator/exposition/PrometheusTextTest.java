package dev.plimsoll.simulator.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: numbers must print exactly as Python's prometheus_client prints them (vLLM's /metrics). */
class PrometheusTextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # value (as Java parses it)  | printed
      0                            | 0.0
      -0.0                         | -0.0
      1                            | 1.0
      5                            | 5.0
      0.001                        | 0.001
      0.0001                       | 0.0001
      0.00001                      | 1e-05
      7.358146831393242e-05        | 7.358146831393242e-05
      0.31326723098754883          | 0.31326723098754883
      10.950000000000001           | 10.950000000000001
      7431                         | 7431.0
      123456                       | 123456.0
      1048576                      | 1.048576e+06
      1234567                      | 1.234567e+06
      10000000                     | 1e+07
      6634254336                   | 6.634254336e+09
      1718140558.3                 | 1.7181405583e+09
      12345678901                  | 1.2345678901e+010
      1e15                         | 1e+015
      1e16                         | 1e+16
      1e22                         | 1e+22
      -5.5                         | -5.5
      -1234567                     | -1234567.0
      2560                         | 2560.0
      0.075                        | 0.075
      """)
  void formatsLikePrometheusClient(double value, String printed) {
    assertEquals(printed, PrometheusText.formatValue(value));
  }

  @Test
  void specialValues() {
    assertEquals("+Inf", PrometheusText.formatValue(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", PrometheusText.formatValue(Double.NEGATIVE_INFINITY));
    assertEquals("NaN", PrometheusText.formatValue(Double.NaN));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # value   | Python repr (before the Go-style exponent switch)
      1e15      | 1000000000000000.0
      1e16      | 1e+16
      0.00012   | 0.00012
      1.5e-07   | 1.5e-07
      """)
  void pythonRepr(double value, String repr) {
    assertEquals(repr, PrometheusText.pythonRepr(value));
  }

  @Test
  void familyAndSampleLinesWithSortedEscapedLabels() {
    String text = new PrometheusText()
        .family("vllm:request_success_total", "Count of successfully\nprocessed requests.", "counter")
        .sample("vllm:request_success_total", Map.of("model_name", "a\"b\\c", "finished_reason", "stop", "engine", "0"), 3)
        .sample("up", Map.of(), 1)
        .toString();
    assertEquals("""
        # HELP vllm:request_success_total Count of successfully\\nprocessed requests.
        # TYPE vllm:request_success_total counter
        vllm:request_success_total{engine="0",finished_reason="stop",model_name="a\\"b\\\\c"} 3.0
        up 1.0
        """, text);
  }
}
