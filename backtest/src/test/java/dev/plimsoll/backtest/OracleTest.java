package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    return new Autoscaler() {
      @Override
      public String name() {
        return java.util.Arrays.toString(counts);
      }

      @Override
      public double intervalSeconds() {
        return step;
      }

      @Override
      public int desired(Observation seen, int current, int ready, double now) {
        return counts[(int) Math.min(counts.length - 1, Math.floor(now / step + 1e-9))];
      }
    };
  }

  @Test
  void theBoundIsTheWorkOfEveryRequest() {
    // 500 prompt tokens at 1,000/s = 0.5 s; 11 output tokens = 10 decoded at most 16 × 10 = 160/s = 0.0625 s.
    Trace t = new Trace(null, List.of(new InferenceRequest(0, 0, 500, 11), new InferenceRequest(1, 5, 500, 11)));
    assertEquals(2 * (0.5 + 10 / 160.0) / 3600, Oracle.lowerBoundGpuHours(t, TINY), 1e-12);
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
            if (r.completed() == r.requests() && r.requestAttainment() == 1.0 && r.gpuHours() < best) {
              best = r.gpuHours();
              bestSchedule = r.autoscaler();
            }
          }
        }
      }
    }
    double bound = Oracle.lowerBoundGpuHours(t, TINY);
    assertTrue(bestSchedule != null, "some schedule meets the SLO");
    assertTrue(bound > 0);
    assertTrue(bound <= best, "bound " + bound + " above the best schedule " + bestSchedule + " (" + best + ")");
  }

  @Test
  void neverAboveAnyBaselineThatServesEverything() {
    Trace t = Traces.synthetic(new Traces.Synthetic(1800, 6, 0.5, 1800, List.of(), 1000, 200, 9));
    double bound = Oracle.lowerBoundGpuHours(t, ModelProfile.LLAMA_3_1_8B_H100);
    List<Autoscaler> all = new ArrayList<>(Baselines.all(ModelProfile.LLAMA_3_1_8B_H100, 16));
    for (Autoscaler a : all) {
      Backtest.Result r = Backtest.run(t, new Backtest.Setup(ModelProfile.LLAMA_3_1_8B_H100, 1, 16, 1, new Backtest.Slo(2, 60), 900), a);
      if (r.completed() == r.requests()) {
        assertTrue(bound <= r.gpuHours(), a.name() + ": bound " + bound + " > " + r.gpuHours());
      }
    }
  }
}
