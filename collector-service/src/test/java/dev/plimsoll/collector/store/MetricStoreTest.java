package dev.plimsoll.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.scrape.ScrapeOutcome;
import dev.plimsoll.collector.scrape.ScrapedSamples;
import dev.plimsoll.exposition.ExpositionFormat;
import dev.plimsoll.exposition.ExpositionReader;
import dev.plimsoll.exposition.ParseLimits;
import dev.plimsoll.exposition.SeriesCache;
import dev.plimsoll.promql.eval.InstantVector;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store across targets: one URL whose labels change is one series, not two, for the lookback. */
class MetricStoreTest {
  /** The defaults, read as Quarkus reads them (its duration converter takes "1s"). */
  private final CollectorConfig config = new SmallRyeConfigBuilder().withMapping(CollectorConfig.class)
      .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
      .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 200, new io.quarkus.runtime.configuration.MemorySizeConverter()).build()
      .getConfigMapping(CollectorConfig.class);
  private final MetricStore metrics = new MetricStore(config);
  private final SeriesCache cache = new SeriesCache(1000);

  @Test
  void aUrlWhoseLabelsChangeEndsItsOldSeries() {
    // a pod IP reused by another replica (or a host-mode task restarted on the same node): same URL, other labels
    String url = "http://10.0.0.7:8000/metrics";
    ScrapeTarget before = new ScrapeTarget(url, "kubernetes/llm/Deployment/vllm", "vllm-old", Map.of("pod", "vllm-old"), null, null);
    ScrapeTarget after = new ScrapeTarget(url, "kubernetes/llm/Deployment/vllm", "vllm-new", Map.of("pod", "vllm-new"), null, null);
    Instant t0 = Instant.ofEpochMilli(1_800_000_000_000L);
    metrics.write(ScrapeOutcome.success(before, t0, Duration.ofMillis(10), scrape("queue 3\n")));
    metrics.write(ScrapeOutcome.success(after, t0.plusSeconds(1), Duration.ofMillis(10), scrape("queue 4\n")));
    long at = t0.plusSeconds(1).toEpochMilli();
    assertEquals(List.of(4.0), values("queue", at), "the old pod's series is stale, not summed with the new one's");
    assertEquals(List.of(1.0), values("up", at));
  }

  @Test
  void anotherScrapeIntervalForTheSameSeriesLosesNoScrape() {
    // a pod's plimsoll.dev/scrape-interval annotation edited: the same series, scraped on
    String url = "http://10.0.0.8:8000/metrics";
    ScrapeTarget every1s = new ScrapeTarget(url, "kubernetes/llm/Deployment/vllm", "vllm-a", Map.of("pod", "vllm-a"), null, null);
    ScrapeTarget every5s = new ScrapeTarget(url, "kubernetes/llm/Deployment/vllm", "vllm-a", Map.of("pod", "vllm-a"), Duration.ofSeconds(5),
        null);
    Instant t0 = Instant.ofEpochMilli(1_800_000_100_000L);
    metrics.write(ScrapeOutcome.success(every1s, t0, Duration.ofMillis(10), scrape("tokens 3\n")));
    metrics.write(ScrapeOutcome.success(every5s, t0.plusSeconds(1), Duration.ofMillis(10), scrape("tokens 4\n")));
    assertEquals(List.of(4.0), values("tokens{pod=\"vllm-a\"}", t0.plusSeconds(1).toEpochMilli()));
  }

  private ScrapedSamples scrape(String body) {
    ScrapedSamples samples = new ScrapedSamples(1000);
    new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT).read(body.getBytes(StandardCharsets.UTF_8), cache, samples);
    return samples;
  }

  private List<Double> values(String q, long t) {
    return ((InstantVector) metrics.engine().instant(q, t).value()).samples().stream().map(dev.plimsoll.promql.eval.Sample::value).toList();
  }
}
