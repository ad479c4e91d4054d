package dev.plimsoll.collector.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.collector.signal.SignalCalculator;
import dev.plimsoll.collector.signal.VllmMetrics;
import dev.plimsoll.collector.window.SeriesKey;
import dev.plimsoll.collector.window.WindowStore;
import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.SignalNames;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One snapshot per workload, from the UP targets only; a workload without targets still gets one. */
class SnapshotAssemblerTest {
  private static final String CHAT = "simulated/demo/Fleet/chat";
  private static final String IDLE = "simulated/demo/Fleet/idle";
  private static final Instant NOW = Instant.ofEpochSecond(1_000);
  private static final SeriesKey WAITING = new SeriesKey(VllmMetrics.NUM_REQUESTS_WAITING, Labels.of("model_name", "m"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                         | up targets (of chat-0=3, chat-1=4, chat-2=5 waiting) | targets up | queue depth
      all up                         | chat-0 chat-1 chat-2                                 | 3          | 12
      a down target is left out      | chat-0 chat-2                                        | 2          | 8
      all down is no data, not zero  | ''                                                   | 0          |
      """)
  void buildsOneSnapshotPerWorkload(String name, String upTargets, int targetsUp, Double queueDepth) {
    var windows = new WindowStore(Duration.ofSeconds(60), 100);
    var targets = List.of(target("chat-0"), target("chat-1"), target("chat-2"));
    double waiting = 3;
    for (ScrapeTarget t : targets) {
      windows.append(t.url(), WAITING, NOW.minusSeconds(1).toEpochMilli(), waiting++);
    }
    var discovered = new DiscoveredTargets(new LinkedHashSet<>(List.of(CHAT, IDLE)), targets);
    Set<String> up = Set.of(upTargets.isBlank() ? new String[0] : upTargets.trim().split("\\s+"));

    var assembler = new SnapshotAssembler(new SignalCalculator(Duration.ofSeconds(30), Duration.ofSeconds(5)), windows);
    List<MetricSnapshot> snapshots = assembler.assemble(discovered, url -> up.contains(replica(url)), NOW);

    assertEquals(List.of(CHAT, IDLE), snapshots.stream().map(MetricSnapshot::workload).toList());
    MetricSnapshot chat = snapshots.get(0);
    assertEquals(MetricSnapshot.SCHEMA, chat.schema());
    assertEquals(NOW, chat.observedAt());
    assertEquals(3, chat.targets());
    assertEquals(targetsUp, chat.targetsUp());
    assertEquals(queueDepth, chat.signals().get(SignalNames.QUEUE_DEPTH).value());

    MetricSnapshot idle = snapshots.get(1);
    assertEquals(0, idle.targets());
    assertEquals(0, idle.targetsUp());
    assertEquals(5, idle.signals().size());
    idle.signals().values().forEach(s -> assertNull(s.value()));
  }

  private static ScrapeTarget target(String replica) {
    return new ScrapeTarget("http://sim/fleets/chat/replicas/" + replica + "/metrics", CHAT, replica);
  }

  private static String replica(String url) {
    String[] parts = url.split("/");
    return parts[parts.length - 2];
  }
}
