package dev.plimsoll.collector.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.scrape.ScrapedSamples;
import dev.plimsoll.collector.signal.DefaultSignals;
import dev.plimsoll.collector.signal.SignalCatalogue;
import dev.plimsoll.collector.signal.SignalEvaluator;
import dev.plimsoll.collector.store.TargetWriter;
import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.SignalNames;
import dev.plimsoll.exposition.ExpositionFormat;
import dev.plimsoll.exposition.ExpositionReader;
import dev.plimsoll.exposition.ParseLimits;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.storage.SeriesStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One snapshot per workload, from the UP targets only; a workload without targets still gets one. */
class SnapshotAssemblerTest {
  private static final String CHAT = "simulated/demo/Fleet/chat";
  private static final String IDLE = "simulated/demo/Fleet/idle";
  private static final Instant NOW = Instant.ofEpochSecond(1_000);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                         | up targets (of chat-0=3, chat-1=4, chat-2=5 waiting) | targets up | queue depth | stale
      all up                         | chat-0 chat-1 chat-2                                 | 3          | 12          | false
      a failed target is left out    | chat-0 chat-2                                        | 2          | 8           | false
      all down is no data, not zero  | ''                                                   | 0          |             | false
      old data is stale              | chat-0 chat-1 chat-2 old                             | 3          | 12          | true
      """)
  void buildsOneSnapshotPerWorkload(String name, String upTargets, int targetsUp, Double queueDepth, boolean stale) {
    var store = new SeriesStore(120_000, 1_000, 1_000);
    var targets = List.of(target("chat-0"), target("chat-1"), target("chat-2"));
    var up = List.of(upTargets.isBlank() ? new String[0] : upTargets.trim().split("\\s+"));
    Instant scrapedAt = up.contains("old") ? NOW.minusSeconds(20) : NOW.minusSeconds(1);
    Map<String, Instant> lastSuccess = new HashMap<>();
    int waiting = 3;
    for (ScrapeTarget t : targets) {
      var writer = new TargetWriter(store, t);
      ScrapedSamples s = new ScrapedSamples(100);
      new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT)
          .read(("vllm:num_requests_waiting{model_name=\"m\"} " + waiting++ + "\n").getBytes(StandardCharsets.UTF_8), null, s);
      writer.success(s, scrapedAt.minusSeconds(1).toEpochMilli(), 0.01);
      if (up.contains(t.replica())) {
        writer.success(s, scrapedAt.toEpochMilli(), 0.01);
        lastSuccess.put(t.url(), scrapedAt);
      } else {
        writer.failure(scrapedAt.toEpochMilli(), 0.8);
      }
    }
    var discovered = new DiscoveredTargets(new LinkedHashSet<>(List.of(CHAT, IDLE)), targets);
    var assembler = new SnapshotAssembler(new SignalCatalogue(DefaultSignals.ALL, Duration.ofMinutes(1), "30s"),
        new SignalEvaluator(new Engine(store), "30s"), Duration.ofSeconds(5), null);

    List<MetricSnapshot> snapshots = assembler.assemble(discovered, lastSuccess::get, NOW);

    assertEquals(List.of(CHAT, IDLE), snapshots.stream().map(MetricSnapshot::workload).toList());
    MetricSnapshot chat = snapshots.get(0);
    assertEquals(MetricSnapshot.SCHEMA, chat.schema());
    assertEquals(NOW, chat.observedAt());
    assertEquals(3, chat.targets());
    assertEquals(targetsUp, chat.targetsUp());
    assertEquals(queueDepth, chat.signals().get(SignalNames.QUEUE_DEPTH).value());
    assertEquals(stale, chat.signals().get(SignalNames.QUEUE_DEPTH).stale());

    MetricSnapshot idle = snapshots.get(1);
    assertEquals(0, idle.targets());
    assertEquals(0, idle.targetsUp());
    idle.signals().values().forEach(s -> assertNull(s.value()));
  }

  private static ScrapeTarget target(String replica) {
    return new ScrapeTarget("http://sim/fleets/chat/replicas/" + replica + "/metrics", CHAT, replica);
  }
}
