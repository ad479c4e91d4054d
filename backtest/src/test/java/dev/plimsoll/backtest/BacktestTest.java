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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replay's accounting (GPU time, per-request latencies, SLO minutes) and that an autoscaler's decisions take effect. */
class BacktestTest {
  /** A small, exact profile: 1 GPU, prefill 1,000 tokens/s, decode 10 tokens/s alone, no batch slowdown, 10 s cold start. */
  static final ModelProfile TINY = new ModelProfile("tiny", "tiny", 1, 1000, 10, 0, 16, 1_000_000, 10);

  /** Never changes the count. */
  static Autoscaler fixed(int replicas) {
    return Hindsight.fixed(replicas);
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

  @ParameterizedTest(name = "a {0} s grace: {1} of 2 requests complete")
  @CsvSource({"0, 1", "30, 1", "120, 2", "600, 2"})
  void aRemovedReplicaFinishesWhatItRunsForTheSetupsTerminationGrace(double grace, int completed) {
    // Two requests at once, one per replica, each decoding 1,000 tokens alone at 10/s: done 0.5 + 100 s after arrival. The
    // schedule asks for 1 replica from 10 s, and the first decision comes once the signals' window has filled (30 s): the
    // removed replica's request needs about 70 s more, so 30 s of grace cut it off and 120 s let it finish.
    Trace t = new Trace(null, List.of(new InferenceRequest(0, 0.1, 500, 1001), new InferenceRequest(1, 0.1, 500, 1001)));
    Backtest.Result r = Backtest.run(t, setup(2).withTerminationGrace(grace), OracleTest.schedule(new int[] {2, 1}, 10));
    assertEquals(completed, r.completed());
    assertEquals(1, r.scaleActions());
  }

  @Test
  void theTerminationGraceIsKubernetesDefaultUnlessSetAndWithinAnHour() {
    assertEquals(30, setup(1).terminationGraceSeconds());
    assertEquals(30, Backtest.Setup.forTrace(new Trace(null, List.of(new InferenceRequest(0, 0, 10, 1))), TINY, 8,
        new Backtest.Slo(2, 30)).terminationGraceSeconds());
    assertEquals(3, setup(1).startingWith(3).initialReplicas());
    assertEquals(90, setup(1).withTerminationGrace(90).startingWith(2).terminationGraceSeconds());
    for (double wrong : new double[] {-1, 3601, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> setup(1).withTerminationGrace(wrong), String.valueOf(wrong));
    }
  }

  @Test
  void loadBeyondOneReplicaMissesTheSloAndScalingMeetsItForLaterArrivals() {
    // 2 requests/s of 1,500 prompt tokens for 300 s: one replica prefills 1,000 tokens/s, so it falls further behind every
    // second. The gateway holds what no replica can start on soon, so new replicas take held requests as well as new ones.
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

  @ParameterizedTest(name = "{0}: {1} s")
  @CsvSource({"llama-3.1-8b-h100, 300", "llama-3.1-8b-a100, 300", "llama-3.1-70b-h100x4, 430", "llama-3.1-70b-a100x4, 430"})
  void plimsollWaitsTwoColdStartsBeforeScalingDownWhereThatIsLongerThanTheHpas(String profile, int seconds) {
    assertEquals(seconds, Baselines.scaleDownWindowSeconds(ModelProfile.named(profile).orElseThrow()));
  }

  @ParameterizedTest(name = "{0}: still {2} replicas {1} s after demand fell")
  @CsvSource({"llama-3.1-70b-a100x4, 420, 5", "llama-3.1-70b-a100x4, 440, 1", "llama-3.1-8b-h100, 290, 5",
      "llama-3.1-8b-h100, 310, 1"})
  void aDemandDipOutlastingTheWindowScalesDown(String profile, int after, int expected) {
    ModelProfile p = ModelProfile.named(profile).orElseThrow();
    Autoscaler plimsoll = Baselines.plimsoll(p, 64);
    int current = 5;
    int desired = current;
    for (int t = 0; t <= 60 + after; t++) {
      double demand = t <= 60 ? 3.4 : 0.5; // 5 replicas' worth at 0.8 each (4.25), then under one's
      Observation o = new Observation(t, current, current, 0, 10, 0.01, 0.1, 0, 0, Double.NaN, demand, demand, demand, demand);
      desired = plimsoll.desired(o, current, current, t);
      if (desired != current) {
        plimsoll.scaled(current, desired, t);
        current = desired;
      }
    }
    assertEquals(expected, desired);
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
  void theWarmUpIsReplayedButNotScored() {
    // One request in the warm-up minute, one after it; a fixed replica: GPU time counts from 60 s to the end (71 s).
    Trace t = new Trace(null, List.of(new InferenceRequest(0, 10, 500, 11), new InferenceRequest(1, 70, 500, 11)));
    Backtest.Result r = Backtest.run(t, new Backtest.Setup(TINY, 1, 64, 1, new Backtest.Slo(2, 30), 600, 60), fixed(1));
    assertEquals(1, r.requests());
    assertEquals(1, r.minutes().size());
    assertEquals(1, r.minutes().get(0).minute());
    assertEquals((72 - 60) / 3600.0, r.gpuHours(), 1e-9);
  }

  @ParameterizedTest(name = "warm-up {0} s")
  @CsvSource({"-60", "30", "NaN"})
  void aWarmUpIsWholeMinutes(double warmup) {
    assertThrows(IllegalArgumentException.class, () -> new Backtest.Setup(TINY, 1, 8, 1, new Backtest.Slo(2, 30), 60, warmup));
  }

  @Test
  void theUsualSetupWarmsUpForOneColdStartAndAMinuteAndStartsWithTheHeaviestWarmUpMinutesWork() {
    // TINY: 10 s cold start → 1 + 1 minutes of warm-up. First minute: 90 requests of 1,000 prompt tokens (1 s of
    // prefill each) and 1 output token: 90 s of work, 2 replicas; second minute 150 s of work, 3 replicas; the third
    // (scored) minute's 300 s do not count. The trace spans 3 warm-ups (360 s). The 70B profile's 215 s → 4 + 1
    // minutes, and at least 1 replica; a trace shorter than 3 warm-ups has none (its first minutes are scored) and starts
    // with its first minute's work (sizing it from later, scored minutes would be hindsight).
    List<InferenceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      rs.add(new InferenceRequest(rs.size(), i * 0.5, 1000, 1));
    }
    for (int i = 0; i < 150; i++) {
      rs.add(new InferenceRequest(rs.size(), 60 + i * 0.3, 1000, 1));
    }
    for (int i = 0; i < 300; i++) {
      rs.add(new InferenceRequest(rs.size(), 120 + i * 0.15, 1000, 1));
    }
    rs.add(new InferenceRequest(rs.size(), 360, 10, 1));
    Trace t = new Trace(null, rs);
    Backtest.Setup s = Backtest.Setup.forTrace(t, TINY, 64, new Backtest.Slo(2, 30));
    assertEquals(120, s.warmupSeconds());
    assertEquals(3, s.initialReplicas());
    Backtest.Setup shortOne = Backtest.Setup.forTrace(Traces.window(t, 0, 200), TINY, 64, new Backtest.Slo(2, 30));
    assertEquals(0, shortOne.warmupSeconds());
    assertEquals(2, shortOne.initialReplicas());
    Backtest.Setup big = Backtest.Setup.forTrace(new Trace(null, List.of(new InferenceRequest(0, 900, 10, 1))),
        ModelProfile.LLAMA_3_1_70B_H100X4, 64, new Backtest.Slo(2, 30));
    assertEquals(300, big.warmupSeconds());
    assertEquals(1, big.initialReplicas());
    assertEquals(0, Backtest.Setup.forTrace(new Trace(null, List.of(new InferenceRequest(0, 899, 10, 1))),
        ModelProfile.LLAMA_3_1_70B_H100X4, 64, new Backtest.Slo(2, 30)).warmupSeconds());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                 | prompts (tokens)        | outputs | TTFT | end to end
      short prompts: the 2 s floor           | 100,200,300             | 10      | 2    | 60
      p95 prompt 3 s of prefill: twice it    | 3000,3000,3000,3000     | 10      | 6    | 60
      one 10 s prompt in 41: above it by 10 % | 1000*40,10000          | 10      | 11   | 60
      long outputs alone: twice them         | 1000,1000               | 500     | 2    | 110
      """)
  void theSloComesFromTheTraceAndTheModel(String name, String prompts, int output, double ttft, double e2e) {
    // TINY: prefill 1,000 tokens/s, 10 tokens/s for one sequence alone.
    List<InferenceRequest> rs = new ArrayList<>();
    long id = 0;
    for (String p : prompts.split(",")) { // "tokens*count" repeats
      String[] parts = p.split("\\*");
      for (int k = 0; k < (parts.length > 1 ? Integer.parseInt(parts[1]) : 1); k++) {
        rs.add(new InferenceRequest(id, id, Integer.parseInt(parts[0]), output));
        id++;
      }
    }
    assertEquals(new Backtest.Slo(ttft, e2e), Backtest.Slo.forTrace(new Trace(null, rs), TINY));
  }

  @Test
  void theDemandSeesAnOverloadWholeWhereTheWorkDoneDoesNot() {
    // 3 requests/s of 1,000 prompt tokens: 3 s of prefill per second, on one replica that can do 1. The work done stops at
    // what the replica manages (token_load ≈ 1 → 2 replicas at 80 %); the demand counts what arrives and what the
    // gateway holds (≥ 3 → at least 5 replicas).
    List<InferenceRequest> rs = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      rs.add(new InferenceRequest(i, i / 3.0, 1000, 1));
    }
    Trace t = new Trace(null, rs);
    Observation[] last = new Observation[1];
    Autoscaler watch = new Autoscaler() {
      @Override
      public String name() {
        return "watch";
      }

      @Override
      public double intervalSeconds() {
        return 1;
      }

      @Override
      public int desired(Observation seen, int current, int ready, double now) {
        if (now <= 30) {
          last[0] = seen;
        }
        return current;
      }
    };
    Backtest.run(t, setup(1), watch);
    Observation o = last[0];
    assertEquals(1.0, o.tokenLoad(), 0.05, o.toString());
    assertTrue(o.demandLoad() >= 3, o.toString());
    assertTrue(Baselines.plimsoll(TINY, 40).desired(o, 1, 1, 31) >= 5);
  }

  @ParameterizedTest(name = "work_load {0}, e2e_load {1}: {2} replicas")
  @CsvSource({
      "0.7, 0,   2", // work_load 1.4 at 0.7 per replica, e2e_load left out
      "0.7, 0.8, 3", // e2e_load 2.4 at 0.8 per replica
      "0.8, 1,   3", // the larger of ceil(1.4 / 0.8) = 2 and ceil(2.4 / 1) = 3
  })
  void plimsollsLoadTargetsCanBeSet(double workLoad, double e2eLoad, int expected) {
    Observation o = new Observation(5, 2, 2, 0, 20, 0.1, 0.1, 0, 0, Double.NaN, 1.4, 1.4, 1.4, 2.4);
    assertEquals(expected, Baselines.plimsoll(TINY, 40, new Baselines.Targets(workLoad, e2eLoad)).desired(o, 2, 2, 5));
  }

  @Test
  void loadTargetsOutsideZeroToOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Baselines.Targets(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Baselines.Targets(0.7, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new Baselines.Targets(Double.NaN, 0));
    assertEquals("work_load 0.8, e2e_load 0.9", new Baselines.Targets(0.8, 0.9).describe());
    assertEquals("work_load 0.8, e2e_load 0.8", Baselines.Targets.DEFAULT.describe());
    assertEquals("work_load 0.7", new Baselines.Targets(0.7, 0).describe());
  }

  @Test
  void observationsNameTheCollectorsSignals() {
    Observation o = new Observation(5, 3, 2, 12, 20, 0.4, 0.5, 3000, 700, Double.NaN, 0.3, 0.6, 1.7, 0.9);
    assertEquals(12.0, o.signal("queue_depth"));
    assertEquals(3000.0, o.signal("prompt_tokens_per_second"));
    assertEquals(0.3, o.signal("token_load"));
    assertEquals(0.6, o.signal("work_load"));
    assertEquals(1.7, o.signal("demand_load"));
    assertEquals(0.9, o.signal("e2e_load"));
    assertEquals(null, o.signal("ttft_p95_seconds"), "no first token in the window: no data, not zero");
    assertEquals(32.0, o.signal("concurrency"));
    assertEquals(0.4, o.signal("kv_cache_usage"));
    assertEquals(null, o.signal("nope"));
  }

  @Test
  void aPolicyAutoscalerStartsAsTheHpaControllerDoes() {
    // queue_depth 5 per replica, the HPA's default 300 s scale-down window: the count found at the first decision is
    // its first recommendation, so an empty queue removes nothing for a window, then scales in.
    Autoscaler a = new PolicyAutoscaler("queue", dev.plimsoll.scaling.AutoscalingPolicy.of(new dev.plimsoll.scaling.ScalingSpec(1, 8,
        List.of(new dev.plimsoll.scaling.MetricSpec("queue_depth", dev.plimsoll.scaling.TargetType.AVERAGE_VALUE, 5)), null, null)), 1);
    Observation idle = new Observation(0, 4, 4, 0, 0, 0, 0, 0, 0, Double.NaN, 0, 0, 0, 0);
    assertEquals(4, a.desired(idle, 4, 4, 0));
    assertEquals(4, a.desired(idle, 4, 4, 299));
    assertEquals(1, a.desired(idle, 4, 4, 300));
  }
}
