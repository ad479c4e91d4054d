package dev.plimsoll.collector.signal;

/** The vLLM metric names the signals are computed from (vLLM's own names, as its /metrics exposes them). */
public final class VllmMetrics {
  /** Gauge: requests waiting to be scheduled. */
  public static final String NUM_REQUESTS_WAITING = "vllm:num_requests_waiting";
  /** Gauge: requests running on the GPU. */
  public static final String NUM_REQUESTS_RUNNING = "vllm:num_requests_running";
  /** Gauge (vLLM v1): KV-cache usage, 1 = 100 %. */
  public static final String KV_CACHE_USAGE_PERC = "vllm:kv_cache_usage_perc";
  /** Gauge (vLLM v0 name of {@link #KV_CACHE_USAGE_PERC}). */
  public static final String GPU_CACHE_USAGE_PERC = "vllm:gpu_cache_usage_perc";
  /** Counter: generated tokens. */
  public static final String GENERATION_TOKENS_TOTAL = "vllm:generation_tokens_total";
  /** Histogram buckets: time to first token in seconds. */
  public static final String TIME_TO_FIRST_TOKEN_SECONDS_BUCKET = "vllm:time_to_first_token_seconds_bucket";

  private VllmMetrics() {}
}
