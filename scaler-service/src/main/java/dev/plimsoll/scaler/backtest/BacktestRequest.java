package dev.plimsoll.scaler.backtest;

import dev.plimsoll.scaler.policy.PolicyDocument;
import java.util.List;

/**
 * The body of {@code POST /api/v1/backtests}.
 *
 * @param trace the trace: inline Azure CSV, BurstGPT CSV or Mooncake JSONL ({@code format} + {@code content}) or a synthetic one
 * @param profile a model profile name (default {@code llama-3.1-8b-h100})
 * @param timeScale arrivals multiplied by this (below 1 compresses time: more load); default 1
 * @param maxGpus GPUs available (default 64)
 * @param slo targets; each one left out is set from the trace and profile ({@code Backtest.Slo.forTrace}: TTFT twice the
 *     95th-percentile prompt's prefill, at least 2 s; end to end twice the 95th-percentile request alone, at least 60 s)
 * @param autoscalers which baselines to run (default all: hpa-utilization, keda-queue, knative-kpa, plimsoll)
 * @param policy a policy of your own (the policy document of {@code /api/v1/policies}, without a workload), run as
 *     {@code custom} on the signals of {@code Observation.SIGNALS} (queue_depth, requests_running, kv_cache_usage, batch_occupancy,
 *     concurrency, prompt_tokens_per_second, generation_tokens_per_second, ttft_p95_seconds, token_load, work_load, demand_load, e2e_load)
 * @param terminationGraceSeconds how long a replica removed by a scale-down finishes its running requests, 0..3600 (default 30,
 *     Kubernetes' {@code terminationGracePeriodSeconds})
 * @param hindsight also search the fewest fixed replicas and the 5-minute plan that meet the SLO with hindsight (upper bounds of
 *     the optimum; the oracle's bound is the lower one); default false: they replay the trace dozens of times
 * @param sweep also replay Plimsoll's policy over its grid of load targets ({@code Sweep}) and name the cheapest pair that met
 *     the SLO; default false
 */
public record BacktestRequest(TraceSpec trace, String profile, Double timeScale, Integer maxGpus, Slo slo, List<String> autoscalers,
    PolicyDocument policy, Double terminationGraceSeconds, Boolean hindsight, Boolean sweep) {

  /** {@code format}: azure, burstgpt, mooncake (with {@code content}) or synthetic (with the generator's fields). */
  public record TraceSpec(String format, String content, Double seconds, Double ratePerSecond, Double diurnalAmplitude,
      Double diurnalPeriodSeconds, List<Burst> bursts, Integer meanPromptTokens, Integer meanOutputTokens, Long seed) {}

  public record Burst(Double start, Double seconds, Double multiplier) {}

  public record Slo(Double ttftSeconds, Double e2eSeconds) {}
}
