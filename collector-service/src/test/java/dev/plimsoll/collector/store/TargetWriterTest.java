package dev.plimsoll.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.scrape.ScrapedSamples;
import dev.plimsoll.exposition.ExpositionFormat;
import dev.plimsoll.exposition.ExpositionReader;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.exposition.ParseLimits;
import dev.plimsoll.exposition.SeriesCache;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.eval.InstantVector;
import dev.plimsoll.promql.storage.SeriesStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scrapes land in the store as Prometheus would store them, staleness markers included. */
class TargetWriterTest {
  private static final ScrapeTarget TARGET = new ScrapeTarget("http://10.0.0.7:8000/metrics", "kubernetes/llm/Deployment/vllm", "vllm-abc",
      Map.of("namespace", "llm", "pod", "vllm-abc"), null, null);

  private final SeriesStore store = new SeriesStore(600_000, 1_000, 10_000);
  private final Engine engine = new Engine(store);
  private final TargetWriter writer = new TargetWriter(store, TARGET);
  private final SeriesCache cache = new SeriesCache(1000);

  @Test
  void storesSamplesUnderTheTargetLabelsWithTheExposedOnesKeptAsExported() {
    writer.success(scrape("queue{model_name=\"m\",pod=\"inner\"} 3\n"), 10_000, 0.01);
    assertEquals(Map.of(
        Labels.of("__name__", "queue", "model_name", "m", "exported_pod", "inner", "pod", "vllm-abc", "namespace", "llm",
            "instance", "10.0.0.7:8000", "workload", "kubernetes/llm/Deployment/vllm", "replica", "vllm-abc"), 3.0),
        query("queue", 10_000));
  }

  @Test
  void everyScrapeWritesUpDurationAndSampleCount() {
    writer.success(scrape("a 1\nb 2\n"), 10_000, 0.25);
    assertEquals(List.of(1.0), values("up", 10_000));
    assertEquals(List.of(0.25), values("scrape_duration_seconds", 10_000));
    assertEquals(List.of(2.0), values("scrape_samples_scraped", 10_000));
    writer.failure(11_000, 0.8);
    assertEquals(List.of(0.0), values("up", 11_000));
  }

  @Test
  void aSeriesThatDisappearsIsStaleAtOnceNotAfterTheLookback() {
    writer.success(scrape("a 1\nb 2\n"), 10_000, 0.01);
    writer.success(scrape("a 1\n"), 11_000, 0.01);
    assertEquals(List.of(2.0), values("b", 10_500));
    assertEquals(List.of(), values("b", 11_000));
    assertEquals(List.of(1.0), values("a", 11_000));
  }

  @Test
  void aFailedScrapeOrARemovedTargetMakesEverySeriesStale() {
    writer.success(scrape("a 1\n"), 10_000, 0.01);
    writer.failure(11_000, 0.8);
    assertEquals(List.of(), values("a", 11_000));

    writer.success(scrape("a 1\n"), 12_000, 0.01);
    writer.removed(13_000);
    assertEquals(List.of(), values("a", 13_000));
    assertEquals(List.of(), values("up", 13_000));
  }

  @Test
  void aFullStoreRefusesNewSeriesAndSaysSo() {
    SeriesStore small = new SeriesStore(600_000, 1_000, 5);
    TargetWriter w = new TargetWriter(small, TARGET);
    var e = assertThrows(TargetWriter.StoreFull.class, () -> w.success(scrape("a 1\nb 1\nc 1\nd 1\ne 1\nf 1\n"), 10_000, 0.01));
    assertEquals(true, e.getMessage().contains("collector.limits.series-total"), e.getMessage());
  }

  @Test
  void aPartlyRefusedScrapeIsDownForUp() {
    // room for 5 series: a first scrape of 1 (plus up and the two other synthetic ones), then one of 3 that the store
    // half refuses: up 0, as /api/v1/targets says, so sum(up) does not count a target whose series are missing
    SeriesStore small = new SeriesStore(600_000, 1_000, 5);
    TargetWriter w = new TargetWriter(small, TARGET);
    w.success(scrape("a 1\n"), 10_000, 0.01);
    assertThrows(TargetWriter.StoreFull.class, () -> w.success(scrape("a 1\nb 1\nc 1\n"), 11_000, 0.01));
    assertEquals(List.of(0.0), ((InstantVector) new Engine(small).instant("up", 11_000).value()).samples().stream()
        .map(dev.plimsoll.promql.eval.Sample::value).toList());
  }

  private ScrapedSamples scrape(String body) {
    ScrapedSamples samples = new ScrapedSamples(1000);
    new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT).read(body.getBytes(StandardCharsets.UTF_8), cache, samples);
    return samples;
  }

  private Map<Labels, Double> query(String q, long t) {
    return ((InstantVector) engine.instant(q, t).value()).samples().stream()
        .collect(Collectors.toMap(dev.plimsoll.promql.eval.Sample::labels, dev.plimsoll.promql.eval.Sample::value));
  }

  private List<Double> values(String q, long t) {
    return ((InstantVector) engine.instant(q, t).value()).samples().stream().map(dev.plimsoll.promql.eval.Sample::value).toList();
  }
}
