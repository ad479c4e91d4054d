package dev.plimsoll.simulator.exposition;

import dev.plimsoll.fleet.FinishReason;
import dev.plimsoll.fleet.Histogram;
import dev.plimsoll.fleet.ReplicaMetrics;
import java.util.List;
import java.util.Map;

/**
 * A replica's metrics as vLLM's V1 engine exposes them at {@code /metrics}: the same family names, HELP texts,
 * bucket bounds and labels ({@code model_name}, {@code engine}; {@code finished_reason} on
 * {@code vllm:request_success_total}, one series per reason as vLLM pre-creates them). Pure: no framework.
 */
public final class VllmExposition {

  /** vLLM labels its metrics with the engine index; a single-engine server is engine "0". */
  public static final String ENGINE = "0";

  private VllmExposition() {}

  public static String render(ReplicaMetrics m) {
    Map<String, String> labels = Map.of("model_name", m.modelName(), "engine", ENGINE);
    PrometheusText text = new PrometheusText();
    text.family("vllm:num_requests_running", "Number of requests in model execution batches.", "gauge")
        .sample("vllm:num_requests_running", labels, m.running());
    text.family("vllm:num_requests_waiting", "Number of requests waiting to be processed.", "gauge")
        .sample("vllm:num_requests_waiting", labels, m.waiting());
    text.family("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", "gauge")
        .sample("vllm:kv_cache_usage_perc", labels, m.kvCacheUsage());
    text.family("vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", "counter")
        .sample("vllm:num_preemptions_total", labels, m.preemptions());
    text.family("vllm:prompt_tokens_total", "Number of prefill tokens processed.", "counter")
        .sample("vllm:prompt_tokens_total", labels, m.promptTokens());
    text.family("vllm:generation_tokens_total", "Number of generation tokens processed.", "counter")
        .sample("vllm:generation_tokens_total", labels, m.generationTokens());
    text.family("vllm:request_success_total", "Count of successfully processed requests.", "counter");
    for (FinishReason reason : FinishReason.values()) {
      text.sample("vllm:request_success_total", with(labels, "finished_reason", reason.label()),
          m.requestSuccess().getOrDefault(reason, 0L));
    }
    histogram(text, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", labels,
        m.timeToFirstToken());
    histogram(text, "vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", labels,
        m.interTokenLatency());
    histogram(text, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", labels,
        m.e2eLatency());
    histogram(text, "vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", labels,
        m.queueTime());
    histogram(text, "vllm:request_prompt_tokens", "Number of prefill tokens processed.", labels, m.requestPromptTokens());
    histogram(text, "vllm:request_generation_tokens", "Number of generation tokens processed.", labels,
        m.requestGenerationTokens());
    return text.toString();
  }

  private static void histogram(PrometheusText text, String name, String help, Map<String, String> labels, Histogram h) {
    text.family(name, help, "histogram");
    List<Double> bounds = h.bounds();
    long[] cumulative = h.cumulativeCounts();
    for (int i = 0; i < bounds.size(); i++) {
      text.sample(name + "_bucket", with(labels, "le", PrometheusText.formatValue(bounds.get(i))), cumulative[i]);
    }
    text.sample(name + "_bucket", with(labels, "le", "+Inf"), cumulative[bounds.size()]);
    text.sample(name + "_count", labels, h.count());
    text.sample(name + "_sum", labels, h.sum());
  }

  private static Map<String, String> with(Map<String, String> labels, String name, String value) {
    var copy = new java.util.HashMap<>(labels);
    copy.put(name, value);
    return copy;
  }
}
