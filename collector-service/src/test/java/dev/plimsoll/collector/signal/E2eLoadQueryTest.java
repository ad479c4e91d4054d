package dev.plimsoll.collector.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.storage.SeriesStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@code e2e_load} signal of Plimsoll's default LLM policy, as docs/contracts.md gives it for Llama 3.1 8B on an
 * H100 with a 60 s end-to-end target (prefill 22,000 tokens/s; one sequence decodes 139 tokens/s alone, so the target
 * decodes 8,340 tokens): {@code work_load} plus the prefill load times φ / (1 − φ), φ the 95th-percentile output (vLLM's
 * {@code request_generation_tokens} buckets over 5 minutes) over 8,340, at most 0.9; {@code work_load} alone while no
 * request completed. The backtest computes the same quantity ({@code dev.plimsoll.backtest.Scrapes.e2eLoad}).
 */
class E2eLoadQueryTest {
  static final String PHI = "(clamp_max(histogram_quantile(0.95, sum by (le) (rate(vllm:request_generation_tokens_bucket{$workload}[5m])))"
      + " / 8340, 0.9) >= 0)";
  static final String QUERY = "(" + WorkLoadQueryTest.QUERY + " + sum(rate(vllm:prompt_tokens_total{$workload}[$window])) / 22000 * "
      + PHI + " / (1 - " + PHI + ")) or " + WorkLoadQueryTest.QUERY;

  final SeriesStore store = new SeriesStore(Duration.ofMinutes(6).toMillis(), 1_000, 10_000);
  final SignalEvaluator evaluator = new SignalEvaluator(new Engine(store), "30s");
  final SignalDefinition e2eLoad = SignalDefinition.workload("e2e_load", QUERY, "work_load with prefill repriced for the end-to-end target");
  final SignalDefinition workLoad = SignalDefinition.workload("work_load", WorkLoadQueryTest.QUERY, "work done and queued, in replicas");

  @Test
  void isWorkLoadWithPrefillRepricedForTheDecodeTheTargetNeeds() {
    // 4,400 prompt tokens/s (0.2 replicas prefilling), nothing waiting, 2 requests/s completing with outputs in vLLM's
    // (100, 200] bucket: histogram_quantile reads the 95th percentile as 100 + 100 × 0.95 = 195 tokens.
    scrapeReplica("a", 4400, 300, 2, 150);
    double phi = 195 / 8340.0;
    double work = value(workLoad);
    assertEquals(4400 / 22000.0 + 300 / 14671.0, work, 1e-9);
    assertEquals(work + 0.2 * phi / (1 - phi), value(e2eLoad), 1e-9);
  }

  @Test
  void outputsTooLongForTheTargetCostAtMostTenTimesThePrefill() {
    // outputs in (50,000, 100,000]: the 95th percentile (97,500) decodes alone in far more than 60 s; φ is held at 0.9
    scrapeReplica("a", 4400, 300, 2, 60_000);
    assertEquals(value(workLoad) + 0.2 * 9, value(e2eLoad), 1e-9);
  }

  @Test
  void withNoRequestCompletedItIsWorkLoad() {
    // prompts prefilled, none completed yet (no 95th percentile: NaN, dropped by >= 0): the work done, as work_load
    scrapeReplica("a", 4400, 0, 0, 150);
    assertEquals(4400 / 22000.0, value(e2eLoad), 1e-9);
  }

  @Test
  void anIdleFleetReadsZero() {
    scrapeReplica("a", 0, 0, 0, 150);
    assertEquals(0.0, value(e2eLoad));
  }

  private double value(SignalDefinition signal) {
    SignalEvaluator.Result r = evaluator.evaluate(signal, WorkLoadQueryTest.WORKLOAD, WorkLoadQueryTest.END);
    assertNull(r.problem(), String.valueOf(r.problem()));
    return r.value() == null ? Double.NaN : r.value();
  }

  /** 41 scrapes a second apart ending at {@link WorkLoadQueryTest#END}; every completed request has {@code output} tokens. */
  private void scrapeReplica(String replica, int promptPerSecond, int generatedPerSecond, int completedPerSecond, int output) {
    double[] bounds = {100, 200, 50_000, 100_000};
    WorkLoadQueryTest.scrape(store, replica, s -> {
      long done = (long) completedPerSecond * s;
      StringBuilder body = new StringBuilder("""
          # TYPE vllm:num_requests_waiting gauge
          vllm:num_requests_waiting{%1$s} 0
          # TYPE vllm:prompt_tokens_total counter
          vllm:prompt_tokens_total{%1$s} %2$d
          # TYPE vllm:generation_tokens_total counter
          vllm:generation_tokens_total{%1$s} %3$d
          # TYPE vllm:request_prompt_tokens histogram
          vllm:request_prompt_tokens_bucket{%1$s,le="+Inf"} %4$d
          vllm:request_prompt_tokens_sum{%1$s} %5$d
          vllm:request_prompt_tokens_count{%1$s} %4$d
          # TYPE vllm:request_generation_tokens histogram
          """.formatted("model_name=\"m\"", 500 + (long) promptPerSecond * s, 70 + (long) generatedPerSecond * s, done, done * 1000));
      for (double le : bounds) {
        body.append(String.format(java.util.Locale.ROOT, "vllm:request_generation_tokens_bucket{model_name=\"m\",le=\"%.1f\"} %d%n", le,
            output <= le ? done : 0));
      }
      return body.append("""
          vllm:request_generation_tokens_bucket{model_name="m",le="+Inf"} %1$d
          vllm:request_generation_tokens_sum{model_name="m"} %2$d
          vllm:request_generation_tokens_count{model_name="m"} %1$d
          """.formatted(done, done * output)).toString();
    });
  }
}
