package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timelines as CSV and JSON, the comparison table, and a real PNG chart. */
class ReportsTest {
  static final List<Backtest.Result> RESULTS = List.of(
      new Backtest.Result("plimsoll", 1.5, 0.99, 1.0, 10, 10, 0, 2, 7, List.of(new Backtest.Sample(0, 1, 1, 0, 0),
          new Backtest.Sample(10, 3, 1, 7.5, 4)), List.of()),
      new Backtest.Result("keda-queue", 1.2, 0.8, 0.9, 10, 9, 1, 1, 12, List.of(new Backtest.Sample(0, 1, 1, 0, 0)), List.of()));

  @Test
  void csvAndJsonHoldEverySample() {
    assertEquals("""
        autoscaler,at,replicas,ready,queue_depth,running
        plimsoll,0,1,1,0,0
        plimsoll,10,3,1,7.500,4
        keda-queue,0,1,1,0,0
        """, Reports.timelineCsv(RESULTS));
    assertEquals("{\"plimsoll\":[{\"at\":0,\"replicas\":1,\"ready\":1,\"queueDepth\":0,\"running\":0},{\"at\":10,\"replicas\":3,\"ready\":1,"
        + "\"queueDepth\":7.500,\"running\":4}],\"keda-queue\":[{\"at\":0,\"replicas\":1,\"ready\":1,\"queueDepth\":0,\"running\":0}]}",
        Reports.timelineJson(RESULTS));
    String table = Reports.table(0.8, RESULTS);
    assertTrue(table.contains("oracle-bound           0.80     1.00           -"), table); // no hindsight schedule to compare with
    assertTrue(table.contains("keda-queue             1.20     1.50           -      90.0%      80.0%"), table);
  }

  @Test
  void theTableListsTheHindsightSchedulesBetweenTheBoundAndTheRuns() {
    Backtest.Result plan = new Backtest.Result("best-plan", 1.1, 0.995, 1.0, 10, 10, 0, 3, 2, List.of(), List.of());
    assertEquals("""
        autoscaler        GPU-hours  × bound × hindsight    minutes   requests  actions  dropped peak queue
        oracle-bound           0.80     1.00        0.73          -          -   (lower bound)
        best-plan              1.10     1.38        1.00     100.0%      99.5%   (chosen with hindsight: an upper bound)
        plimsoll               1.50     1.88        1.36     100.0%      99.0%        2        0          7
        keda-queue             1.20     1.50        1.09      90.0%      80.0%        1        1         12
        """, Reports.table(0.8, List.of(plan), RESULTS));
    String none = Reports.table(0, List.of(plan), RESULTS); // a bound of 0 (a trace with nothing scored) has no ratios
    assertTrue(none.contains("plimsoll               1.50        -        1.36 "), none);
    assertEquals(Reports.table(0.8, List.of(), RESULTS), Reports.table(0.8, RESULTS));
  }

  @Test
  void aSweepIsARowPerPointAndAScatterChart() throws Exception {
    List<Sweep.Point> points = List.of(new Sweep.Point(new Baselines.Targets(0.8, 0), RESULTS.get(0)),
        new Sweep.Point(new Baselines.Targets(0.85, 0.9), RESULTS.get(1)));
    assertEquals("""
        work_load_target,e2e_load_target,gpu_hours,minute_attainment,request_attainment
        0.80,0.00,1.5000,1.0000,0.9900
        0.85,0.90,1.2000,0.9000,0.8000
        """, Reports.sweepCsv(points));
    for (double hindsight : new double[] {1.1, Double.NaN}) {
      byte[] png = Charts.sweepPng("targets", points, 0.8, hindsight, 640, 360);
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
      // the bound always, hindsight only where there is one
      assertEquals(Double.isNaN(hindsight) ? 1 : 2, Charts.sweepChart("t", points, 0.8, hindsight).getXYPlot().getDomainMarkers(
          org.jfree.chart.ui.Layer.FOREGROUND).size());
    }
    // The default's point in a series of its own, named with whether it met the SLO; the others by outcome.
    List<Sweep.Point> withDefault = List.of(new Sweep.Point(Baselines.Targets.DEFAULT, RESULTS.get(1)), points.get(0), points.get(1));
    org.jfree.data.xy.XYSeriesCollection data = (org.jfree.data.xy.XYSeriesCollection) Charts.sweepChart("t", withDefault, 0.8, 1.1)
        .getXYPlot().getDataset();
    assertEquals(List.of("met the SLO", "missed it", "the default targets (work_load 0.8, e2e_load 0.8): missed it"),
        data.getSeries().stream().map(s -> ((org.jfree.data.xy.XYSeries) s).getKey()).toList());
    assertEquals(List.of(1, 1, 1), data.getSeries().stream().map(s -> ((org.jfree.data.xy.XYSeries) s).getItemCount()).toList());
    assertEquals(1.2, data.getSeries(2).getX(0).doubleValue());
    assertEquals(90.0, data.getSeries(2).getY(0).doubleValue(), 1e-9);
  }

  @Test
  void theChartIsAPng() throws Exception {
    byte[] png = Charts.replicasPng("replicas", RESULTS, 640, 360);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    assertTrue(png.length > 1000);
  }
}
