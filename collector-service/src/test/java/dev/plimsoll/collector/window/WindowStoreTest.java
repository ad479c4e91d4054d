package dev.plimsoll.collector.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.exposition.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowStoreTest {
  private static final SeriesKey WAITING_A = new SeriesKey("waiting", Labels.of("engine", "0"));
  private static final SeriesKey WAITING_B = new SeriesKey("waiting", Labels.of("engine", "1"));
  private static final SeriesKey RUNNING = new SeriesKey("running", Labels.EMPTY);

  private final WindowStore store = new WindowStore(Duration.ofSeconds(10), 100);

  @Test
  void keepsSeriesPerTargetAndName() {
    store.append("t1", WAITING_A, 1000, 1);
    store.append("t1", WAITING_A, 2000, 2);
    store.append("t1", WAITING_B, 2000, 5);
    store.append("t1", RUNNING, 2000, 7);
    store.append("t2", WAITING_A, 2000, 9);

    List<Series> waiting = store.series("t1", "waiting");
    assertEquals(2, waiting.size());
    Series a = waiting.stream().filter(s -> s.key().equals(WAITING_A)).findFirst().orElseThrow();
    assertEquals(List.of(new Point(1000, 1), new Point(2000, 2)), a.points());
    assertEquals(List.of(new Point(2000, 9)), store.series("t2", "waiting").get(0).points());
    assertEquals(List.of(), store.series("t1", "absent"));
    assertEquals(List.of(), store.series("absent", "waiting"));
    assertEquals(3, store.seriesCount("t1"));
  }

  @Test
  void retainTargetsEvictsTheSeriesOfRemovedTargets() {
    store.append("t1", WAITING_A, 1000, 1);
    store.append("t2", WAITING_A, 1000, 2);
    store.append("t3", RUNNING, 1000, 3);

    store.retainTargets(List.of("t2", "t4"));

    assertEquals(Set.of("t2"), store.targets());
    assertEquals(List.of(), store.series("t1", "waiting"));
    assertEquals(0, store.seriesCount("t3"));
    assertEquals(1, store.series("t2", "waiting").size());
  }

  @Test
  void evictExpiredDropsOldPointsAndEmptySeries() {
    store.append("t1", WAITING_A, 1000, 1);
    store.append("t1", WAITING_A, 12000, 2);
    store.append("t1", WAITING_B, 3000, 5); // this series stopped being exposed
    store.append("t2", RUNNING, 2000, 7);

    store.evictExpired(13000); // keeps points from 3000 on

    assertEquals(List.of(new Point(12000, 2)), store.series("t1", "waiting").stream()
        .filter(s -> s.key().equals(WAITING_A)).findFirst().orElseThrow().points());
    assertEquals(2, store.seriesCount("t1"));
    assertFalse(store.targets().contains("t2"));

    store.evictExpired(13001);
    assertEquals(1, store.seriesCount("t1"));
  }

  @Test
  void readsAreCopies() {
    store.append("t1", RUNNING, 1000, 1);
    List<Series> before = store.series("t1", "running");
    store.append("t1", RUNNING, 2000, 2);
    assertEquals(1, before.get(0).points().size());
    assertTrue(store.append("t1", RUNNING, 2000, 3));
    assertFalse(store.append("t1", RUNNING, 500, 3), "an older point is dropped");
  }
}
