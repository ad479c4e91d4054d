package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.Traces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The oracle's bound is never above the best schedule found by brute force on small traces, and never above any baseline. */
class OracleTest {
  static final ModelProfile TINY = BacktestTest.TINY;

  /** Replays a fixed schedule: {@code counts[i]} replicas from {@code i × step} seconds on. */
  static Autoscaler schedule(int[] counts, double step) {
    return Hindsight.planned(java.util.Arrays.toString(counts), counts, step, 0, 0);
  }

  static final Backtest.Slo LOOSE = new Backtest.Slo(20, 60); // TTFT target above TINY's 10 s cold start: no presence bound

  @Test
  void theWorkBoundIsTheWorkOfEveryRequest() {
    // 500 prompt tokens at 1,000/s = 0.5 s; 11 output tokens = 10 decoded at most 16 × 10 = 160/s = 0.0625 s.
    Trace t = new Trace(null, List.of(new InferenceRequest(0, 0, 500, 11), new InferenceRequest(1, 5, 500, 11)));
    Oracle.Bound b = Oracle.bound(t, TINY, LOOSE, 0.99);
    assertEquals(2 * (0.5 + 10 / 160.0) / 3600, b.workGpuHours(), 1e-12);
    assertEquals(0, b.presenceGpuHours());
    assertEquals(b.workGpuHours(), Oracle.lowerBoundGpuHours(t, TINY, LOOSE, 0.99));
  }

  @Test
  void whereTheBatchSlowsDecodingMoreThanItAddsTheWorkIsAtTheSingleSequenceRate() {
    // Slowdown 2: two sequences decode at 10 / 3 tokens/s each, 6.7 in all, less than one alone (10).
    ModelProfile slow = new ModelProfile("slow", "slow", 1, 1000, 10, 2, 2, 1_000_000, 10);
    assertEquals(10.0, Oracle.workSeconds(new InferenceRequest(0, 0, 0, 101), slow), 1e-9);
    assertEquals(0.5 + 10 / 160.0, Oracle.workSeconds(new InferenceRequest(0, 0, 500, 11), TINY), 1e-12);
  }

  @Test
  void minutesAllowedToMissLeaveOutTheHeaviestWork() {
    // 100 minutes with one request each, minute 7 with a 10,000-token prompt: at 99 % one minute may miss, so its work goes.
    List<InferenceRequest> rs = new ArrayList<>();
    for (int m = 0; m < 100; m++) {
      rs.add(new InferenceRequest(m, 60 * m + 1, m == 7 ? 10_000 : 1000, 1));
    }
    Trace t = new Trace(null, rs);
    assertEquals(99 * 1.0 / 3600, Oracle.bound(t, TINY, LOOSE, 0.99).workGpuHours(), 1e-12);
    assertEquals((99 * 1.0 + 10) / 3600, Oracle.bound(t, TINY, LOOSE, 1.0).workGpuHours(), 1e-12);
  }

  @Test
  void theFewestFixedReplicasMeetTheSloAndOneFewerDoNot() {
    // 2 requests/s of 1,500 prompt tokens (1.5 s of prefill each on TINY): 3 replicas are busy all the time.
    List<InferenceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      rs.add(new InferenceRequest(i, i / 2.0, 1500, 2));
    }
    Trace t = new Trace(null, rs);
    Backtest.Setup setup = new Backtest.Setup(TINY, 1, 16, 1, new Backtest.Slo(6, 30), 300);
    Backtest.Result best = Hindsight.fewestFixedReplicas(t, setup).orElseThrow();
    int n = Integer.parseInt(best.autoscaler().substring("best-fixed-".length()));
    assertTrue(best.minuteAttainment() >= Backtest.MINUTE_TARGET);
    Backtest.Result fewer = Backtest.run(t, new Backtest.Setup(TINY, n - 1, 16, 1, setup.slo(), 300), Hindsight.fixed(n - 1));
    assertTrue(fewer.minuteAttainment() < Backtest.MINUTE_TARGET, n - 1 + " replicas: " + fewer.minuteAttainment());
    assertTrue(n >= 3, "at least the 3 the work keeps busy: " + n);
    assertTrue(Oracle.lowerBoundGpuHours(t, TINY, setup.slo(), Backtest.MINUTE_TARGET) <= best.gpuHours());
    assertTrue(Hindsight.fewestFixedReplicas(t, new Backtest.Setup(TINY, 1, 2, 1, setup.slo(), 300)).isEmpty(), "2 GPUs cannot");
  }

  @ParameterizedTest(name = "{0} s busy of {1}, {2} s segments: under {3} of the fixed count's GPU-hours")
  @CsvSource({
      "300, 900, 300, 0.8", // the segments follow the load
      "60,  600, 600, 0.6", // one segment holds the first minute's count throughout; refined minute by minute, it does not
  })
  void aPlanFollowsTheLoadWhereAFixedCountHoldsThePeak(double busy, double end, double segment, double factor) {
    // 2 requests/s of 1,500 prompt tokens (3 replicas busy) for the first busy seconds, then a tenth of that.
    List<InferenceRequest> rs = new ArrayList<>();
    long id = 0;
    for (double t = 0; t < end; t += t < busy ? 0.5 : 5) {
      rs.add(new InferenceRequest(id++, t, 1500, 2));
    }
    Trace trace = new Trace(null, rs);
    Backtest.Setup setup = new Backtest.Setup(TINY, 1, 16, 1, new Backtest.Slo(6, 30), 300);
    Backtest.Result fixed = Hindsight.fewestFixedReplicas(trace, setup).orElseThrow();
    List<String> progress = new ArrayList<>();
    Backtest.Result plan = Hindsight.plan(trace, setup, segment, progress::add).orElseThrow();
    assertTrue(plan.minuteAttainment() >= Backtest.MINUTE_TARGET, "the plan meets the SLO: " + plan.minuteAttainment());
    assertTrue(plan.gpuHours() < factor * fixed.gpuHours(), plan.gpuHours() + " against " + fixed.gpuHours());
    assertTrue(progress.stream().anyMatch(line -> line.startsWith("plan: refined minute by minute, pass 1 of 2")), progress.toString());
    assertTrue(Oracle.lowerBoundGpuHours(trace, TINY, setup.slo(), Backtest.MINUTE_TARGET) <= plan.gpuHours());
    assertThrows(IllegalArgumentException.class, () -> Hindsight.plan(trace, setup, 90));
  }

  @Test
  void aBurstOfPrefillNeedsReplicasHeldAColdStartBeforeIt() {
    // 10 prompts of 1,000 tokens (1 s of prefill each on TINY) at 100 s, TTFT target 3 s, none may miss: 10 s of prefill
    // within [100, 103] needs 4 replicas ready at some instant there, each held since a 10 s cold start before it, so 4
    // are held over [93, 100]: 28 replica-seconds, more than the work (10 s) or the presence (7 s).
    List<InferenceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rs.add(new InferenceRequest(i, 100, 1000, 1));
    }
    Trace t = new Trace(null, rs);
    Backtest.Slo slo = new Backtest.Slo(3, 30);
    Oracle.Bound b = Oracle.bound(t, TINY, slo, Backtest.MINUTE_TARGET);
    assertEquals(28 / 3600.0, b.peakGpuHours(), 1e-12);
    assertEquals(10 / 3600.0, b.workGpuHours(), 1e-12);
    assertEquals(7 / 3600.0, b.presenceGpuHours(), 1e-12);
    // Every schedule "k replicas from s until 130 s" that meets the SLO costs at least the bound.
    double best = Double.POSITIVE_INFINITY;
    for (int k = 1; k <= 8; k++) {
      for (int start = 60; start <= 100; start += 5) {
        int[] counts = new int[27]; // 5 s steps up to 135 s
        for (int step = 0; step < counts.length; step++) {
          counts[step] = step * 5 >= start && step * 5 < 130 ? k : 0;
        }
        Backtest.Result r = Backtest.run(t, new Backtest.Setup(TINY, 0, 16, 1, slo, 60), schedule(counts, 5));
        if (r.minuteAttainment() >= Backtest.MINUTE_TARGET) {
          best = Math.min(best, r.gpuHours());
        }
      }
    }
    assertTrue(best < Double.POSITIVE_INFINITY);
    assertTrue(b.gpuHours() <= best, b + " above " + best);
  }

  @Test
  void theBoundForASetupLeavesItsWarmUpOut() {
    Trace t = Traces.synthetic(new Traces.Synthetic(600, 2, 0, 600, List.of(), 800, 50, 4));
    Backtest.Setup setup = new Backtest.Setup(TINY, 1, 16, 1, new Backtest.Slo(2, 30), 300, 120);
    assertEquals(Oracle.bound(Traces.window(t, 120, Double.POSITIVE_INFINITY), TINY, setup.slo(), Backtest.MINUTE_TARGET),
        Oracle.bound(t, setup));
    assertTrue(Oracle.bound(t, setup).gpuHours() < Oracle.bound(t, TINY, setup.slo(), Backtest.MINUTE_TARGET).gpuHours());
  }

  @ParameterizedTest(name = "n={0}")
  @CsvSource({"1, 0", "19, 0", "20, 1", "39, 1", "40, 2", "100, 5", "101, 5"})
  void theAllowanceIsWhatTheNearestRankP95Lets(int n, int allowance) {
    assertEquals(allowance, Oracle.allowance(n));
    double[] latencies = new double[n];
    java.util.Arrays.fill(latencies, 0, n - allowance, 1); // the rest miss: 100
    java.util.Arrays.fill(latencies, n - allowance, n, 100);
    assertEquals(1, Backtest.p95(latencies), "p95 met with " + allowance + " misses");
    if (allowance < n) {
      latencies[n - allowance - 1] = 100;
      assertEquals(100, Backtest.p95(latencies), "one more miss breaks it");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // arrivals | from | to | allowance | deduction | longest off
      "2.5,7.5,12.5,17.5,22.5,27.5,32.5,37.5,42.5,47.5,52.5,57.5 | 0 | 60 | 0 | 58 | 5",
      "0,10,20 | 0 | 30 | 0 | 4 | 22",
      "0,10,20 | 0 | 30 | 3 | 4 | 30",
      "5,20,50 | 0 | 60 | 1 | 100 | 45",
      "30 | 0 | 60 | 0 | 10 | 60"})
  void longestOffTable(String arrivals, double from, double to, int allowance, double deduction, double expected) {
    double[] t = java.util.Arrays.stream(arrivals.split(",")).mapToDouble(Double::parseDouble).toArray();
    assertEquals(expected, Oracle.longestOff(t, from, to, allowance, deduction), 1e-9);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
  void longestOffIsTheBestChoiceOfMisses(long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    for (int round = 0; round < 50; round++) {
      int k = 1 + rnd.nextInt(9);
      double[] t = rnd.doubles(k, 0, 60).sorted().toArray();
      int allowance = rnd.nextInt(4);
      double deduction = rnd.nextDouble() * 40;
      double best = 0;
      for (int mask = 0; mask < 1 << k; mask++) { // bit set: the arrival misses
        if (Integer.bitCount(mask) > allowance) {
          continue;
        }
        double off = 0;
        double last = Double.NaN;
        for (int i = 0; i < k; i++) {
          if ((mask >> i & 1) == 0) {
            off += Double.isNaN(last) ? t[i] : Math.max(0, t[i] - last - deduction);
            last = t[i];
          }
        }
        off += Double.isNaN(last) ? 60 : 60 - last;
        best = Math.max(best, off);
      }
      assertEquals(best, Oracle.longestOff(t, 0, 60, allowance, deduction), 1e-9, "seed " + seed + " round " + round);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3", "4", "5"})
  void theWholeTraceSearchIsTheBestChoiceOfMisses(long seed) {
    // Three minutes (the middle one may be empty) of 20 or 21 arrivals: each may let one miss (the nearest-rank p95).
    java.util.Random rnd = new java.util.Random(seed);
    for (int round = 0; round < 10; round++) {
      boolean gap = rnd.nextBoolean();
      double[][] minutes = new double[3][];
      for (int m = 0; m < 3; m++) {
        double from = 60 * (m == 2 && gap ? 3 : m);
        minutes[m] = rnd.doubles(20 + rnd.nextInt(2), from, from + 60).sorted().toArray();
      }
      double end = minutes[2][minutes[2].length - 1];
      double deduction = 1 + rnd.nextDouble() * 8;
      double best = 0;
      for (int a = -1; a < minutes[0].length; a++) { // -1: none misses
        for (int b = -1; b < minutes[1].length; b++) {
          for (int c = -1; c < minutes[2].length; c++) {
            int[] miss = {a, b, c};
            double off = 0;
            double last = Double.NaN;
            for (int m = 0; m < 3; m++) {
              for (int i = 0; i < minutes[m].length; i++) {
                if (i != miss[m]) {
                  double t = minutes[m][i];
                  off += Math.max(0, t - (Double.isNaN(last) ? 0 : last) - deduction);
                  last = t;
                }
              }
            }
            best = Math.max(best, off + end - last);
          }
        }
      }
      assertEquals(best, Oracle.longestOffEveryMinuteMet(minutes, end, deduction), 1e-9, "seed " + seed + " round " + round);
    }
  }

  @ParameterizedTest(name = "{0} minutes: {1} s")
  @CsvSource({
      // Every minute must meet the SLO (99 % of under 100 minutes): the whole trace is searched, and no gap (40 s in a
      // minute, 20 s across) exceeds the 58 s a reload costs, so a replica is held from 0 to the last arrival.
      "99, 5930",
      // One of 101 minutes may miss: minutes are judged alone, cut at their bounds (10 s before the first arrival and
      // after the last count as off), so each must hold a replica 40 s; the one allowed to miss holds none.
      "101, 4000"})
  void presenceSearchesTheWholeTraceOrEachMinuteWhereSomeMayMiss(int minutes, double seconds) {
    List<InferenceRequest> rs = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      rs.add(new InferenceRequest(2L * m, 60.0 * m + 10, 100, 2));
      rs.add(new InferenceRequest(2L * m + 1, 60.0 * m + 50, 100, 2));
    }
    ModelProfile p = ModelProfile.LLAMA_3_1_8B_H100; // 60 s cold start, 1 GPU
    Oracle.Bound b = Oracle.bound(new Trace(null, rs), p, new Backtest.Slo(2, 60), 0.99);
    assertEquals(seconds / 3600, b.presenceGpuHours(), 1e-9, b.toString());
  }

  @Test
  void aColdStartWithinTheTtftTargetNeedsNoReplicaKept() {
    List<InferenceRequest> rs = List.of(new InferenceRequest(0, 10, 100, 2), new InferenceRequest(1, 500, 100, 2));
    ModelProfile fast = ModelProfile.LLAMA_3_1_8B_H100.withModelLoadSeconds(2);
    assertEquals(0, Oracle.bound(new Trace(null, rs), fast, new Backtest.Slo(2, 60), 0.99).presenceGpuHours());
  }

  @Test
  void aMinuteTooLargeToSearchCountsAsOffWhole() {
    // 20,000 arrivals in a minute may let 1,000 miss: 20,000 × 1,001² states are beyond the search limit, so the minute
    // counts as off whole (a weaker bound, never a wrong one).
    double[] t = new double[20_000];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 0.003;
    }
    int allowance = Oracle.allowance(t.length);
    assertEquals(1000, allowance);
    assertEquals(60, Oracle.longestOff(t, 0, 60, allowance, 10), 1e-9);
  }

  @Test
  void underLightLoadThePresenceBoundIsNearlyOneReplicaThroughout() {
    // One short request every 5 s for 30 minutes; the 8B profile's 60 s cold start is far above a 2 s TTFT target, so
    // any schedule meeting the SLO keeps a replica from the first arrival to the last. One replica does, and the bound
    // is within 1 % of it (the difference: the drain after the last arrival).
    List<InferenceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 360; i++) {
      rs.add(new InferenceRequest(i, 2.5 + 5 * i, 200, 20));
    }
    Trace t = new Trace(null, rs);
    ModelProfile p = ModelProfile.LLAMA_3_1_8B_H100;
    Backtest.Slo slo = new Backtest.Slo(2, 60);
    Backtest.Result one = Backtest.run(t, new Backtest.Setup(p, 1, 8, 1, slo, 600), BacktestTest.fixed(1));
    assertEquals(1.0, one.minuteAttainment());
    Oracle.Bound b = Oracle.bound(t, p, slo, 0.99);
    assertTrue(b.presenceGpuHours() > 10 * b.workGpuHours(), b.toString());
    assertTrue(b.gpuHours() <= one.gpuHours() && b.gpuHours() > 0.99 * one.gpuHours(), b + " vs " + one.gpuHours());
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3", "4"})
  void neverAboveTheBestScheduleFoundByBruteForce(long seed) {
    Trace t = Traces.synthetic(new Traces.Synthetic(60, 0.4, 0, 60, List.of(new Traces.Burst(20, 10, 4)), 800, 20, seed));
    Backtest.Setup setup = new Backtest.Setup(TINY, 0, 16, 1, new Backtest.Slo(6, 30), 300);
    double best = Double.POSITIVE_INFINITY;
    String bestSchedule = null;
    int step = 20;
    for (int a = 0; a <= 3; a++) {
      for (int b = 0; b <= 3; b++) {
        for (int c = 0; c <= 3; c++) {
          for (int d = 0; d <= 3; d++) {
            int[] counts = {a, b, c, d};
            Backtest.Result r = Backtest.run(t, new Backtest.Setup(TINY, a, 16, 1, setup.slo(), 300), schedule(counts, step));
            if (r.minuteAttainment() >= Backtest.MINUTE_TARGET && r.gpuHours() < best) {
              best = r.gpuHours();
              bestSchedule = r.autoscaler();
            }
          }
        }
      }
    }
    double bound = Oracle.lowerBoundGpuHours(t, TINY, setup.slo(), Backtest.MINUTE_TARGET);
    assertTrue(bestSchedule != null, "some schedule meets the SLO");
    assertTrue(bound > 0);
    assertTrue(bound <= best, "bound " + bound + " above the best schedule " + bestSchedule + " (" + best + ")");
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3"})
  void neverAboveTheBestOnOffScheduleOnASparseTrace(long seed) {
    // Sparse arrivals over 3 minutes, a 2 s TTFT target under a 10 s cold start: the presence bound is the one that counts.
    Trace t = Traces.synthetic(new Traces.Synthetic(180, 0.08, 0, 180, List.of(), 300, 5, seed));
    Backtest.Slo slo = new Backtest.Slo(2, 30);
    double best = Double.POSITIVE_INFINITY;
    int step = 20;
    for (int mask = 0; mask < 1 << 9; mask++) {
      int[] counts = new int[9];
      for (int i = 0; i < 9; i++) {
        counts[i] = mask >> i & 1;
      }
      Backtest.Result r = Backtest.run(t, new Backtest.Setup(TINY, counts[0], 16, 1, slo, 300), schedule(counts, step));
      if (r.minuteAttainment() >= Backtest.MINUTE_TARGET) {
        best = Math.min(best, r.gpuHours());
      }
    }
    Oracle.Bound b = Oracle.bound(t, TINY, slo, Backtest.MINUTE_TARGET);
    assertTrue(best < Double.POSITIVE_INFINITY, "some schedule meets the SLO");
    assertTrue(b.presenceGpuHours() > b.workGpuHours(), b.toString());
    assertTrue(b.gpuHours() <= best, "bound " + b + " above the best on/off schedule (" + best + ")");
  }

  @Test
  void neverAboveAnyBaselineThatMeetsTheSlo() {
    Trace t = Traces.synthetic(new Traces.Synthetic(1800, 6, 0.5, 1800, List.of(), 1000, 200, 9));
    Backtest.Slo slo = new Backtest.Slo(2, 60);
    double bound = Oracle.lowerBoundGpuHours(t, ModelProfile.LLAMA_3_1_8B_H100, slo, Backtest.MINUTE_TARGET);
    List<Autoscaler> all = new ArrayList<>(Baselines.all(ModelProfile.LLAMA_3_1_8B_H100, 16));
    int meeting = 0;
    for (Autoscaler a : all) {
      Backtest.Result r = Backtest.run(t, new Backtest.Setup(ModelProfile.LLAMA_3_1_8B_H100, 1, 16, 1, slo, 900), a);
      if (r.minuteAttainment() >= Backtest.MINUTE_TARGET) {
        meeting++;
        assertTrue(bound <= r.gpuHours(), a.name() + ": bound " + bound + " > " + r.gpuHours());
      }
    }
    assertTrue(meeting > 0, "no baseline met the SLO: the check above checked nothing");
  }
}
