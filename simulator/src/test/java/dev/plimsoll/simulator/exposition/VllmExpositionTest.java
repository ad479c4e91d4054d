package dev.plimsoll.simulator.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.Replica;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: renders a real simulated replica and reads the text back line by line. */
class VllmExpositionTest {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
  private static final String MODEL = ModelProfile.LLAMA_3_1_8B_H100.modelName();

  private static String rendered() {
    Replica replica = new Replica("chat-0", ModelProfile.LLAMA_3_1_8B_H100, 0);
    replica.enqueue(new InferenceRequest(0, 0, 1500, 100));
    replica.enqueue(new InferenceRequest(1, 0, 300, 20));
    replica.advanceTo(60);
    replica.enqueue(new InferenceRequest(2, 60, 30_000, 500)); // still prefilling/decoding at 60.5
    replica.advanceTo(60.5);
    return VllmExposition.render(replica.metrics());
  }

  /** sample name + sorted label text -> value, in order. */
  private static Map<String, String> samples(String text) {
    Map<String, String> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "sample line: " + line);
      samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), m.group(4));
    }
    return samples;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # family                            | type
      vllm:num_requests_running           | gauge
      vllm:num_requests_waiting           | gauge
      vllm:kv_cache_usage_perc            | gauge
      vllm:num_preemptions_total          | counter
      vllm:prompt_tokens_total            | counter
      vllm:generation_tokens_total        | counter
      vllm:request_success_total          | counter
      vllm:time_to_first_token_seconds    | histogram
      vllm:inter_token_latency_seconds    | histogram
      vllm:e2e_request_latency_seconds    | histogram
      vllm:request_queue_time_seconds     | histogram
      vllm:request_prompt_tokens          | histogram
      vllm:request_generation_tokens      | histogram
      """)
  void everyFamilyHasHelpAndType(String family, String type) {
    String text = rendered();
    assertTrue(text.contains("# HELP " + family + " "), family + " has HELP");
    assertTrue(text.contains("# TYPE " + family + " " + type + "\n"), family + " typed " + type);
    assertTrue(text.indexOf("# HELP " + family + " ") < text.indexOf("# TYPE " + family + " "), "HELP before TYPE");
  }

  @Test
  void valuesAndLabelsAsVllmPrintsThem() {
    Map<String, String> s = samples(rendered());
    String labels = "{engine=\"0\",model_name=\"" + MODEL + "\"}";
    assertEquals("1.0", s.get("vllm:num_requests_running" + labels));
    assertEquals("0.0", s.get("vllm:num_requests_waiting" + labels));
    assertEquals("0.0", s.get("vllm:num_preemptions_total" + labels));
    assertEquals("1800.0", s.get("vllm:prompt_tokens_total" + labels), "the 30k-token prompt is still prefilling");
    assertEquals("120.0", s.get("vllm:generation_tokens_total" + labels));
    assertEquals("2.0", s.get("vllm:request_success_total{engine=\"0\",finished_reason=\"stop\",model_name=\"" + MODEL + "\"}"));
    assertEquals("0.0", s.get("vllm:request_success_total{engine=\"0\",finished_reason=\"length\",model_name=\"" + MODEL + "\"}"));
    assertEquals("0.0", s.get("vllm:request_success_total{engine=\"0\",finished_reason=\"abort\",model_name=\"" + MODEL + "\"}"));
    assertEquals(30_000.0 / ModelProfile.LLAMA_3_1_8B_H100.kvCacheTokens(), Double.parseDouble(s.get("vllm:kv_cache_usage_perc" + labels)), 1e-12);
    assertEquals("2.0", s.get("vllm:time_to_first_token_seconds_count" + labels));
    assertEquals("3.0", s.get("vllm:request_queue_time_seconds_count" + labels));
    // the two completed requests, observed at completion as vLLM does (the third is still running)
    assertEquals("2.0", s.get("vllm:request_prompt_tokens_count" + labels));
    assertEquals("1800.0", s.get("vllm:request_prompt_tokens_sum" + labels));
    assertEquals("120.0", s.get("vllm:request_generation_tokens_sum" + labels));
    assertEquals("1.0", s.get("vllm:request_prompt_tokens_bucket{engine=\"0\",le=\"500.0\",model_name=\"" + MODEL + "\"}"));
    assertEquals("2.0", s.get("vllm:request_prompt_tokens_bucket{engine=\"0\",le=\"2000.0\",model_name=\"" + MODEL + "\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # histogram                         | buckets incl. +Inf | first le | last finite le
      vllm:time_to_first_token_seconds    | 23                 | 0.001    | 2560.0
      vllm:inter_token_latency_seconds    | 20                 | 0.01     | 80.0
      vllm:e2e_request_latency_seconds    | 22                 | 0.3      | 7680.0
      vllm:request_queue_time_seconds     | 22                 | 0.3      | 7680.0
      vllm:request_prompt_tokens          | 17                 | 1.0      | 100000.0
      vllm:request_generation_tokens      | 17                 | 1.0      | 100000.0
      """)
  void histogramsAreCumulativeWithInfCountAndSum(String name, int buckets, String firstLe, String lastLe) {
    String text = rendered();
    List<String> les = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    Pattern bucket = Pattern.compile("^" + Pattern.quote(name) + "_bucket\\{engine=\"0\",le=\"([^\"]+)\",model_name=\"[^\"]+\"} (\\S+)$");
    for (String line : text.split("\n")) {
      Matcher m = bucket.matcher(line);
      if (m.matches()) {
        les.add(m.group(1));
        counts.add(Double.parseDouble(m.group(2)));
      }
    }
    assertEquals(buckets, les.size());
    assertEquals(firstLe, les.get(0));
    assertEquals(lastLe, les.get(les.size() - 2));
    assertEquals("+Inf", les.get(les.size() - 1));
    for (int i = 1; i < counts.size(); i++) {
      assertTrue(counts.get(i) >= counts.get(i - 1), name + " buckets are cumulative");
    }
    Map<String, String> s = samples(text);
    String labels = "{engine=\"0\",model_name=\"" + MODEL + "\"}";
    assertEquals(counts.get(counts.size() - 1), Double.parseDouble(s.get(name + "_count" + labels)), "+Inf equals _count");
    assertTrue(s.containsKey(name + "_sum" + labels));
    int countLine = text.indexOf(name + "_count");
    assertTrue(text.indexOf(name + "_bucket{engine=\"0\",le=\"+Inf\"") < countLine && countLine < text.indexOf(name + "_sum"),
        "buckets, then _count, then _sum, as prometheus_client prints them");
  }
}
