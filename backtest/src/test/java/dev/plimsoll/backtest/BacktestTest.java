package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.Traces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replay's accounting (GPU time, per-request latencies, SLO minutes) and that an autoscaler's decisions take effect. */
class BacktestTest {
  /** A small, exact profile: 1 GPU, prefill 1,000 tokens/s, decode 10 tokens/s alone, no batch slowdown, 10 s cold start. */
  static final ModelProfile TINY = new ModelProfile("tiny", "tiny", 1, 1000, 10, 0, 16, 1_000_000, 10);

  /** Never changes the count. */
  static Autoscaler fixed(int replicas) {
    return new Autoscaler() {
      @Override
      public String name() {
        return "fixed-" + replicas;
      }

      @Override
      public double intervalSeconds() {
        return 1;
      }

      @Override
      public int desired(Observation seen, int current, int ready, double now) {
        return replicas;
      }
    };
  }

  static Backtest.Setup setup(int initial) {
    return new Backtest.Setup(TINY, initial, 64, 1, new Backtest.Slo(2, 30), 600);
  }

  @Test
  void aStaticFleetsGpuTimeAndLatenciesAreExact() {
    // Two requests of 500 prompt + 11 output tokens: TTFT 0.5 s (prefill), end to end 0.5 + 10 / 10 = 1.5 s.
    Trace t = new Trace(null, List.of(new InferenceRequest(0, 0.2, 500, 11), new InferenceRequest(1, 100.2, 500, 11)));
    Backtest.Result r = Backtest.run(t, setup(2), fixed(2));
    assertEquals(2, r.completed());
    assertEquals(1.0, r.requestAttainment());
    assertEquals(1.0, r.minuteAttainment());
    assertEquals(0, r.scaleActions());
    // 2 GPUs held from 0 until the replay stops, at the first whole second after the last request completed (102 s).
    assertEquals(2 * 102 / 3600.0, r.gpuHours(), 1e-9);
  }

  @Test
  void loadBeyondOneReplicaMissesTheSloAndScalingMeetsItForLaterArrivals() {
    // 2 requests/s of 1,500 prompt tokens for 300 s: one replica prefills 1,000 tokens/s, so it falls further behind every
    // second. Requests are routed when they arrive (as vLLM's routers do), so new replicas serve the later arrivals.
    List<InferenceRequest> load = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      load.add(new InferenceRequest(i, 30 + i / 2.0, 1500, 2));
    }
    Trace t = new Trace(null, load);
    Backtest.Result one = Backtest.run(t, setup(1), fixed(1));
    assertTrue(one.requestAttainment() < 0.05, "one replica: " + one.requestAttainment());
    Backtest.Result scaled = Backtest.run(t, setup(1), Baselines.plimsoll(TINY, 40));
    assertTrue(scaled.scaleActions() > 0);
    assertTrue(scaled.requestAttainment() > 0.5, "scaled: " + scaled.requestAttainment());
    assertTrue(scaled.gpuHours() > one.gpuHours());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"'1', 1", "'1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20', 19", "'5,1,4,2,3', 5"})
  void p95IsTheNearestRank(String values, double expected) {
    double[] v = java.util.Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
    assertEquals(expected, Backtest.p95(v));
  }

  @Test
  void aOneHourSyntheticTraceReplaysUnderEveryBaseline() {
    Trace t = Traces.synthetic(new Traces.Synthetic(3600, 8, 0.5, 3600, List.of(new Traces.Burst(1800, 120, 4)), 800, 150, 3));
    for (Autoscaler a : Baselines.all(ModelProfile.LLAMA_3_1_8B_H100, 32)) {
      Backtest.Result r = Backtest.run(t, new Backtest.Setup(ModelProfile.LLAMA_3_1_8B_H100, 1, 32, 1, new Backtest.Slo(2, 60), 900), a);
      assertEquals(t.size(), r.requests());
      assertTrue(r.gpuHours() > 0.9 && r.gpuHours() <= 32 * 1.3, a.name() + ": " + r.gpuHours());
      assertTrue(r.requestAttainment() >= 0 && r.requestAttainment() <= 1);
      assertTrue(!r.timeline().isEmpty());
    }
  }

  @Test
  void observationsNameTheCollectorsSignals() {
    Observation o = new Observation(5, 3, 2, 12, 20, 0.4, 0.5);
    assertEquals(12.0, o.signal("queue_depth"));
    assertEquals(32.0, o.signal("concurrency"));
    assertEquals(0.4, o.signal("kv_cache_usage"));
    assertEquals(null, o.signal("nope"));
  }
}
