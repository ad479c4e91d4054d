package dev.plimsoll.collector.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.scrape.ScrapedSamples;
import dev.plimsoll.collector.store.TargetWriter;
import dev.plimsoll.exposition.ExpositionFormat;
import dev.plimsoll.exposition.ExpositionReader;
import dev.plimsoll.exposition.ParseLimits;
import dev.plimsoll.exposition.SeriesCache;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.storage.SeriesStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The {@code work_load} signal of Plimsoll's default LLM policy, as docs/contracts.md gives it for Llama 3.1 8B on an
 * H100 (prefill 22,000 tokens/s, peak decode 14,671 tokens/s, queue drained within a 60 s cold start), added as a custom
 * signal and evaluated by the collector on two vLLM replicas whose counters grow at known rates. The backtest computes
 * the same quantity from its fleet ({@code dev.plimsoll.backtest.Scrapes}).
 */
class WorkLoadQueryTest {
  static final String WORKLOAD = "kubernetes/llm/Deployment/vllm";
  static final Instant END = Instant.ofEpochSecond(2_000_040);
  /** Requests per second to serve beyond the work done: the queue's growth over the window and the queue over 60 s. */
  static final String QUEUED = "(sum(delta(vllm:num_requests_waiting{$workload}[$window])) / 30 + sum(vllm:num_requests_waiting{$workload}) / 60)";
  static final String QUERY = "clamp_min(sum(rate(vllm:prompt_tokens_total{$workload}[$window])) / 22000"
      + " + sum(rate(vllm:generation_tokens_total{$workload}[$window])) / 14671"
      + " + (" + QUEUED + " * (sum(rate(vllm:request_prompt_tokens_sum{$workload}[5m])) / 22000"
      + " + sum(rate(vllm:request_generation_tokens_sum{$workload}[5m])) / 14671)"
      + " / (sum(rate(vllm:request_prompt_tokens_count{$workload}[5m])) > 0)"
      + " or " + QUEUED + " == 0), 0)";

  final SeriesStore store = new SeriesStore(Duration.ofMinutes(6).toMillis(), 1_000, 10_000);
  final SignalEvaluator evaluator = new SignalEvaluator(new Engine(store), "30s");
  final SignalDefinition workLoad = SignalDefinition.workload("work_load", QUERY, "work done and queued, in replicas");

  @Test
  void isTheWorkDonePlusTheQueuePricedAtTheMeanCompletedRequest() {
    // a: 2,000 prompt and 300 generated tokens/s, 3 waiting, 2 requests/s completing with 1,000-token prompts and
    // 150-token outputs; b: 1,000 and 100 tokens/s, a queue growing from 0 by one request a second (40 at the end),
    // 1 request/s of 1,000 and 50.
    scrapeReplica("a", 2000, 300, s -> 3, 2, 1000, 150);
    scrapeReplica("b", 1000, 100, s -> s, 1, 1000, 50);
    double meanRequest = 1000 / 22000.0 + (350 / 3.0) / 14671; // replica-seconds of the mean completed request
    double expected = 3000 / 22000.0 + 400 / 14671.0 + (1 + 43 / 60.0) * meanRequest; // growth 1/s, 43 waiting
    SignalEvaluator.Result r = evaluator.evaluate(workLoad, WORKLOAD, END);
    assertEquals(expected, r.value() == null ? Double.NaN : r.value(), 1e-9, String.valueOf(r.problem()));
  }

  @Test
  void aDrainingQueueCountsItsDrainOnce() {
    // 20,000 prompt tokens/s done while the queue shrinks by 2 a second from 90 (10 left): the work done less what
    // came out of the queue (2 requests a second), plus the 10 left to drain within 60 s.
    scrapeReplica("a", 20000, 0, s -> 90 - 2 * s, 1, 1000, 150);
    double meanRequest = 1000 / 22000.0 + 150 / 14671.0;
    assertEquals(20000 / 22000.0 + (-2 + 10 / 60.0) * meanRequest, evaluator.evaluate(workLoad, WORKLOAD, END).value(), 1e-9);
  }

  @Test
  void aDrainThatOutrunsTheWorkShownReadsZeroNotBelow() {
    // 1,000 prompt tokens/s while the queue shrinks by 2 a second: 0.045 - 1.83 × 0.056 < 0, read as 0 (a negative
    // value would be an invalid metric to the engine, which then holds).
    scrapeReplica("a", 1000, 0, s -> 90 - 2 * s, 1, 1000, 150);
    assertEquals(0.0, evaluator.evaluate(workLoad, WORKLOAD, END).value());
  }

  @Test
  void withNoRequestCompletedAQueueHasNoPriceAndTheSignalNoValue() {
    scrapeReplica("a", 0, 0, s -> 5, 0, 1000, 150);
    assertNull(evaluator.evaluate(workLoad, WORKLOAD, END).value(), "no price for a queue: no data, not zero, so the policy does not scale in on it");
  }

  @Test
  void anIdleFleetReadsZeroSoThePolicyCanScaleIn() {
    // no traffic for minutes: no tokens, no completions, nothing waiting
    scrapeReplica("a", 0, 0, s -> 0, 0, 1000, 150);
    scrapeReplica("b", 0, 0, s -> 0, 0, 1000, 150);
    assertEquals(0.0, evaluator.evaluate(workLoad, WORKLOAD, END).value());
  }

  private void scrapeReplica(String replica, int promptPerSecond, int generatedPerSecond, java.util.function.IntUnaryOperator waiting,
      int completedPerSecond, int promptPerRequest, int outputPerRequest) {
    scrape(store, replica, s -> {
      long done = (long) completedPerSecond * s;
      return """
          # TYPE vllm:num_requests_waiting gauge
          vllm:num_requests_waiting{%1$s} %2$d
          # TYPE vllm:prompt_tokens_total counter
          vllm:prompt_tokens_total{%1$s} %3$d
          # TYPE vllm:generation_tokens_total counter
          vllm:generation_tokens_total{%1$s} %4$d
          # TYPE vllm:request_prompt_tokens histogram
          vllm:request_prompt_tokens_bucket{%1$s,le="+Inf"} %5$d
          vllm:request_prompt_tokens_sum{%1$s} %6$d
          vllm:request_prompt_tokens_count{%1$s} %5$d
          # TYPE vllm:request_generation_tokens histogram
          vllm:request_generation_tokens_bucket{%1$s,le="+Inf"} %5$d
          vllm:request_generation_tokens_sum{%1$s} %7$d
          vllm:request_generation_tokens_count{%1$s} %5$d
          """.formatted("model_name=\"m\"", waiting.applyAsInt(s), 500 + (long) promptPerSecond * s, 70 + (long) generatedPerSecond * s, done,
          done * promptPerRequest, done * outputPerRequest);
    });
  }

  /** Writes 41 scrapes of one replica of {@link #WORKLOAD}, a second apart and ending at {@link #END}: {@code body} at second s. */
  static void scrape(SeriesStore store, String replica, java.util.function.IntFunction<String> body) {
    var target = new ScrapeTarget("http://" + replica + ":8000/metrics", WORKLOAD, replica);
    var writer = new TargetWriter(store, target);
    var cache = new SeriesCache(100);
    var reader = new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT);
    for (int s = 0; s <= 40; s++) {
      ScrapedSamples samples = new ScrapedSamples(1000);
      reader.read(body.apply(s).getBytes(StandardCharsets.UTF_8), cache, samples);
      writer.success(samples, END.minusSeconds(40 - s).toEpochMilli(), 0.01);
    }
  }
}
