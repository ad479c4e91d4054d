package dev.plimsoll.events;

/** Names of the derived per-workload signals carried in a {@link MetricSnapshot}. Owned by the collector. */
public final class SignalNames {
  /** Sum over the workload's replicas of {@code vllm:num_requests_waiting} (requests). */
  public static final String QUEUE_DEPTH = "queue_depth";
  /** Sum over the workload's replicas of {@code vllm:num_requests_running} (requests). */
  public static final String REQUESTS_RUNNING = "requests_running";
  /** Sum over replicas of the per-second rate of {@code vllm:generation_tokens_total} over the window (tokens/s). */
  public static final String GENERATION_TOKENS_PER_SECOND = "generation_tokens_per_second";
  /** 95th percentile of {@code vllm:time_to_first_token_seconds} from the histogram buckets' increase over the window (s). */
  public static final String TTFT_P95_SECONDS = "ttft_p95_seconds";
  /** Mean over replicas of {@code vllm:kv_cache_usage_perc} (0..1). */
  public static final String KV_CACHE_USAGE = "kv_cache_usage";

  private SignalNames() {}
}
