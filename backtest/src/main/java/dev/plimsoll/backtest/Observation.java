package dev.plimsoll.backtest;

/**
 * What a scrape of the fleet shows at one time (the signals the collector would compute).
 *
 * @param at simulated seconds
 * @param replicas replicas asked for (spec)
 * @param ready replicas serving
 * @param queueDepth requests waiting: at the router and in the replicas' queues ({@code vllm:num_requests_waiting})
 * @param running requests in the batches ({@code vllm:num_requests_running})
 * @param kvCacheUsage mean KV-cache use of the ready replicas, 0..1
 * @param batchOccupancy running / (ready × max sequences), 0..1: the closest thing to a utilisation an LLM replica has
 * @param promptTokensPerSecond prompt tokens prefilled per second over the signal window ({@code prompt_tokens_per_second})
 * @param generationTokensPerSecond tokens generated per second over the window ({@code generation_tokens_per_second})
 * @param ttftP95Seconds the 95th percentile of the times to first token observed in the window; NaN when none was
 * @param tokenLoad the replicas' work in replica-equivalents: prompt tokens/s over the profile's prefill rate plus
 *     generated tokens/s over its peak decode rate (the oracle's work measure, per second); in a live policy, a
 *     {@code query} metric over vLLM's two token counters divided by the profile's rates
 * @param workLoad {@code tokenLoad} plus the requests that arrived and were not served (the queue's growth per second
 *     over the window, PromQL's {@code delta} over it) plus the queue (at the router and in the replicas) to be done
 *     within {@value Scrapes#BACKLOG_DRAIN_SECONDS} s or a cold start if longer, each request priced at the mean prompt
 *     over the prefill rate and output over the peak decode rate of those completed in the last
 *     {@value Scrapes#MEAN_WINDOW_SECONDS} s. Arrivals are the work done plus the queue's growth, so under overload
 *     (token rates stop at what the replicas manage) it sees the whole demand, and while a backlog drains the drained
 *     work is not counted twice; below 0 (a queue draining faster than the work done shows) it reads 0. With no request
 *     completed in those minutes a queue has no price: NaN (no value, as the live query gives none) unless nothing is
 *     queued. From vLLM's own metrics only (the live query is in docs/contracts.md; the backtest's queue includes the
 *     requests its gateway holds, which a live query sees only where the gateway exports them as
 *     {@code vllm:num_requests_waiting} does for a replica's own queue)
 * @param demandLoad the work asked for, in replica-equivalents, as the gateway sees it: prompt tokens arriving per
 *     second over the prefill rate, requests arriving per second times the window's mean output over the peak decode
 *     rate, and the work it holds over {@value Scrapes#BACKLOG_DRAIN_SECONDS} s or a cold start if longer. Unlike {@code token_load}, it does not
 *     stop at what the replicas manage to do, so it sees an overload whole; in a live policy, a {@code query} metric over
 *     the gateway's (router's) request and prompt-token counters and its queue
 * @param e2eLoad {@code workLoad} with prefill repriced for the end-to-end target: prefill pauses decoding, so the
 *     95th-percentile output needs its replica free of prefill for a share of the target, and each replica-second of
 *     prefill costs {@code 1 / (1 − that share)} (see {@link Scrapes#e2eLoad}); NaN where {@code workLoad} is
 */
public record Observation(double at, int replicas, int ready, double queueDepth, double running, double kvCacheUsage, double batchOccupancy,
    double promptTokensPerSecond, double generationTokensPerSecond, double ttftP95Seconds, double tokenLoad, double workLoad,
    double demandLoad, double e2eLoad) {

  /** The signals an autoscaler can use, by name. */
  public static final java.util.List<String> SIGNALS = java.util.List.of("queue_depth", "requests_running", "kv_cache_usage",
      "batch_occupancy", "concurrency", "prompt_tokens_per_second", "generation_tokens_per_second", "ttft_p95_seconds", "token_load",
      "work_load", "demand_load", "e2e_load");

  /** A signal by the collector's name (see {@link #SIGNALS}); null when unknown or without data. */
  public Double signal(String name) {
    return switch (name) {
      case "queue_depth" -> queueDepth;
      case "requests_running" -> running;
      case "kv_cache_usage" -> kvCacheUsage;
      case "batch_occupancy" -> batchOccupancy;
      case "concurrency" -> queueDepth + running;
      case "prompt_tokens_per_second" -> promptTokensPerSecond;
      case "generation_tokens_per_second" -> generationTokensPerSecond;
      case "ttft_p95_seconds" -> Double.isNaN(ttftP95Seconds) ? null : ttftP95Seconds;
      case "token_load" -> tokenLoad;
      case "work_load" -> Double.isNaN(workLoad) ? null : workLoad;
      case "demand_load" -> demandLoad;
      case "e2e_load" -> Double.isNaN(e2eLoad) ? null : e2eLoad;
      default -> null;
    };
  }
}
