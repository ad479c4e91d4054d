package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The target grid and the choice of its cheapest point that met the SLO. */
class SweepTest {

  @Test
  void theGridRunsFromTheLowestTargetsToOneWithE2eLoadOffLast() {
    List<Baselines.Targets> grid = Sweep.grid();
    assertEquals(9 * 10, grid.size());
    assertEquals(new Baselines.Targets(0.6, 0.6), grid.get(0));
    assertEquals(new Baselines.Targets(0.6, 0.65), grid.get(1));
    assertEquals(new Baselines.Targets(0.6, 1), grid.get(8));
    assertEquals(new Baselines.Targets(0.6, 0), grid.get(9));
    assertEquals(new Baselines.Targets(0.65, 0.6), grid.get(10));
    assertEquals(new Baselines.Targets(1, 0), grid.get(grid.size() - 1));
    assertTrue(grid.contains(Baselines.Targets.DEFAULT), "the default is one of the points");
  }

  /**
   * Each point as {@code gpuHours/minuteAttainment/requestAttainment}, space-separated, in grid order; the index of the
   * one chosen, or -1 for none.
   */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "1.0/1.0/1.0 0.8/0.99/0.97 0.7/0.98/0.99 | 1",   // 0.98 of minutes is below 99 %: the 0.7 one does not count
      "1.0/1.0/0.99 1.0/1.0/1.0                | 1",   // equal cost and minutes: more requests within the SLO
      "1.0/0.995/1.0 1.0/1.0/0.98              | 1",   // equal cost: more minutes first
      "2.0/1.0/1.0 2.0/1.0/1.0                 | 0",   // all equal: the earlier (lower targets, more headroom)
      "0.5/0.5/0.5 0.6/0.9/0.9                 | -1",  // none met it
      "''                                      | -1",
  })
  void theCheapestPointThatMetTheSloIsChosen(String points, int expected) {
    List<Sweep.Point> list = new ArrayList<>();
    List<Baselines.Targets> grid = Sweep.grid();
    for (String p : points.isBlank() ? new String[0] : points.trim().split("\\s+")) {
      String[] f = p.split("/");
      list.add(new Sweep.Point(grid.get(list.size()), result(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]))));
    }
    Optional<Sweep.Point> chosen = Sweep.cheapestMeetingSlo(list);
    assertEquals(expected, chosen.map(list::indexOf).orElse(-1));
  }

  @Test
  void everyPointIsReplayedWithItsTargetsAndReportedAsItEnds() {
    List<InferenceRequest> load = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      load.add(new InferenceRequest(i, i, 500, 20));
    }
    Backtest.Setup setup = new Backtest.Setup(BacktestTest.TINY, 1, 8, 1, new Backtest.Slo(2, 30), 60);
    List<Sweep.Point> seen = new ArrayList<>();
    List<Sweep.Point> points = Sweep.run(new Trace(null, load), setup, 8, seen::add);
    assertEquals(seen, points);
    assertEquals(Sweep.grid(), points.stream().map(Sweep.Point::targets).toList());
    assertTrue(points.stream().allMatch(p -> p.result().autoscaler().equals("plimsoll") && p.result().requests() == 120));
    // On several threads: the same points, handed over in grid order.
    List<Sweep.Point> inOrder = new ArrayList<>();
    List<Sweep.Point> parallel = Sweep.run(new Trace(null, load), setup, 8, 3, inOrder::add);
    assertEquals(parallel, inOrder);
    assertEquals(points, parallel); // every figure, timeline and minute alike
  }

  private static Backtest.Result result(double gpuHours, double minutes, double requests) {
    return new Backtest.Result("plimsoll", gpuHours, requests, minutes, 100, 100, 0, 0, 0, List.of(), List.of());
  }
}
