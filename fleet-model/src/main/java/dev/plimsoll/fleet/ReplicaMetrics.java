package dev.plimsoll.fleet;

import java.util.Map;

/**
 * A consistent copy of one replica's vLLM metrics at one simulated instant (safe to read after the fleet moved on).
 *
 * @param waiting           requests queued on the replica ({@code vllm:num_requests_waiting})
 * @param running           requests in the running batch, prefilling or decoding ({@code vllm:num_requests_running})
 * @param kvCacheUsage      KV-cache tokens held / capacity, 0..1 ({@code vllm:kv_cache_usage_perc})
 * @param promptTokens      prompt tokens prefilled so far ({@code vllm:prompt_tokens_total})
 * @param generationTokens  tokens generated so far ({@code vllm:generation_tokens_total})
 * @param requestSuccess    finished requests by reason ({@code vllm:request_success_total}), every reason present
 * @param preemptions       always 0: admission reserves a request's whole KV footprint, so nothing is preempted
 * @param timeToFirstToken  seconds from arrival to the first token
 * @param e2eLatency        seconds from arrival to the last token
 * @param interTokenLatency seconds between consecutive tokens of a request
 * @param queueTime         seconds from arrival to admission into the running batch
 * @param requestPromptTokens     prompt tokens of each completed request ({@code vllm:request_prompt_tokens})
 * @param requestGenerationTokens tokens generated for each completed request ({@code vllm:request_generation_tokens})
 */
public record ReplicaMetrics(String replicaId, String modelName, int waiting, int running, double kvCacheUsage,
    long promptTokens, long generationTokens, Map<FinishReason, Long> requestSuccess, long preemptions,
    Histogram timeToFirstToken, Histogram e2eLatency, Histogram interTokenLatency, Histogram queueTime,
    Histogram requestPromptTokens, Histogram requestGenerationTokens) {

  public ReplicaMetrics {
    requestSuccess = Map.copyOf(requestSuccess);
  }
}
