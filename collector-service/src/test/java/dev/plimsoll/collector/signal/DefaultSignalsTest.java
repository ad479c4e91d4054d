package dev.plimsoll.collector.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.scrape.ScrapedSamples;
import dev.plimsoll.collector.store.TargetWriter;
import dev.plimsoll.events.SignalNames;
import dev.plimsoll.exposition.ExpositionFormat;
import dev.plimsoll.exposition.ExpositionReader;
import dev.plimsoll.exposition.ParseLimits;
import dev.plimsoll.exposition.SeriesCache;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.storage.SeriesStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The default catalogue on two vLLM replicas scraped every second for 40 s: one with vLLM v1's KV
 * name, one with only the v0 name, counters growing at known rates. Expected values are worked out by
 * hand from those rates (a linear counter's extrapolated rate is its slope exactly).
 */
class DefaultSignalsTest {
  static final String WORKLOAD = "kubernetes/llm/Deployment/vllm";
  static final Instant END = Instant.ofEpochSecond(1_000_040);

  final SeriesStore store = new SeriesStore(120_000, 1_000, 10_000);
  final SignalEvaluator evaluator = new SignalEvaluator(new Engine(store), "30s");
  final SignalCatalogue catalogue = new SignalCatalogue(DefaultSignals.ALL, Duration.ofMinutes(2), "30s");

  DefaultSignalsTest() {
    scrapeReplica("a", 3, "vllm:kv_cache_usage_perc", 0.25, 50);
    scrapeReplica("b", 4, "vllm:gpu_cache_usage_perc", 0.75, 100);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      # signal                                   | expected
      queue_depth                                | 7
      requests_running                           | 4
      kv_cache_usage                             | 0.5
      generation_tokens_per_second               | 150
      ttft_p95_seconds                           | 0.95
      ttft_p50_seconds                           | 0.5
      request_rate                               | 3
      abort_rate                                 | null
      replicas_up                                | 2
      e2e_latency_p95_seconds                    | null
      """)
  void computesTheWorkloadSignals(String signal, Double expected) {
    SignalDefinition d = catalogue.get(signal, null).orElseThrow();
    SignalEvaluator.Result r = evaluator.evaluate(d, WORKLOAD, END);
    if (expected == null) {
      assertNull(r.value(), signal + " has no data: " + r.problem());
    } else {
      assertEquals(expected, r.value(), 1e-9, signal + ": " + r.problem());
    }
  }

  @Test
  void theScalersFiveSignalsComeFirstAndEveryDefaultIsValid() {
    var names = catalogue.forWorkload(WORKLOAD).stream().map(SignalDefinition::name).toList();
    assertEquals(java.util.List.of(SignalNames.QUEUE_DEPTH, SignalNames.REQUESTS_RUNNING, SignalNames.KV_CACHE_USAGE,
        SignalNames.GENERATION_TOKENS_PER_SECOND, SignalNames.TTFT_P95_SECONDS), names.subList(0, 5));
    assertTrue(catalogue.all().stream().anyMatch(d -> d.scope() == SignalDefinition.Scope.CLUSTER));
  }

  @Test
  void anotherWorkloadSeesNothing() {
    SignalDefinition d = catalogue.get(SignalNames.QUEUE_DEPTH, null).orElseThrow();
    assertNull(evaluator.evaluate(d, "kubernetes/llm/Deployment/other", END).value());
  }

  @Test
  void aSignalGivingSeveralSeriesHasNoValueAndSaysWhy() {
    var perReplica = SignalDefinition.workload("waiting_by_replica", "vllm:num_requests_waiting{$workload}", "");
    SignalEvaluator.Result r = evaluator.evaluate(perReplica, WORKLOAD, END);
    assertNull(r.value());
    assertTrue(r.problem().contains("2 series"), r.problem());
  }

  private void scrapeReplica(String replica, int waiting, String kvName, double kv, int tokensPerSecond) {
    var target = new ScrapeTarget("http://" + replica + ":8000/metrics", WORKLOAD, replica);
    var writer = new TargetWriter(store, target);
    var cache = new SeriesCache(100);
    var reader = new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT);
    for (int s = 0; s <= 40; s++) {
      String labels = "model_name=\"m\"";
      String body = """
          # TYPE vllm:num_requests_waiting gauge
          vllm:num_requests_waiting{%1$s} %2$d
          # TYPE vllm:num_requests_running gauge
          vllm:num_requests_running{%1$s} 2
          # TYPE %3$s gauge
          %3$s{%1$s} %4$s
          # TYPE vllm:generation_tokens_total counter
          vllm:generation_tokens_total{%1$s} %5$d
          # TYPE vllm:request_success_total counter
          vllm:request_success_total{%1$s,finished_reason="stop"} %6$d
          # TYPE vllm:time_to_first_token_seconds histogram
          vllm:time_to_first_token_seconds_bucket{%1$s,le="0.1"} %7$d
          vllm:time_to_first_token_seconds_bucket{%1$s,le="0.5"} %8$d
          vllm:time_to_first_token_seconds_bucket{%1$s,le="1.0"} %9$d
          vllm:time_to_first_token_seconds_bucket{%1$s,le="+Inf"} %9$d
          vllm:time_to_first_token_seconds_count{%1$s} %9$d
          vllm:time_to_first_token_seconds_sum{%1$s} 1
          """.formatted(labels, waiting, kvName, kv, 1000 + tokensPerSecond * s, (tokensPerSecond / 50) * s, 2 * s, 5 * s, 10 * s);
      ScrapedSamples samples = new ScrapedSamples(1000);
      reader.read(body.getBytes(StandardCharsets.UTF_8), cache, samples);
      writer.success(samples, END.minusSeconds(40 - s).toEpochMilli(), 0.01);
    }
  }
}
