package dev.plimsoll.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plimsoll's layers around the HPA engine: schedules, panic, predictive scale-up, fallback, pause. */
class WorkloadScalerTest {
  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z"); // a Monday
  private static final MetricSpec QUEUE = new MetricSpec("queue_depth", TargetType.AVERAGE_VALUE, 5.0);
  private static final ScalingSpec SPEC = new ScalingSpec(1, 20, List.of(QUEUE), null, null);
  /** The HPA's defaults but no scale-down stabilization window, so that what holds a count is the layer under test. */
  private static final ScalingSpec NO_DOWN_WINDOW = new ScalingSpec(1, 20, List.of(QUEUE), null, new ScalingRules(0, SelectPolicy.MAX,
      List.of(ScalingPolicy.percent(100, 15)), 0.1));

  private static Map<String, MetricInput> queue(double v) {
    return Map.of("queue_depth", MetricInput.total(v));
  }

  private static AutoscalingPolicy policy(List<Schedule> schedules, Panic panic, Predictive predictive, Fallback fallback, Pause pause) {
    return new AutoscalingPolicy(SPEC, schedules, panic, predictive, fallback, pause);
  }

  @ParameterizedTest(name = "{0} replicas, queue {1}: as the HPA engine alone")
  @CsvSource({"2, 0, 1", "2, 10, 2", "2, 40, 6", "4, 9, 2", "1, 200, 5", "25, 10, 20"})
  void withoutLayersItIsTheHpaEngine(int current, double queue, int expected) {
    WorkloadScaler scaler = new WorkloadScaler();
    PolicyDecision d = scaler.evaluate(AutoscalingPolicy.of(SPEC), current, List.of(), queue(queue), T0);
    Evaluation alone = new HpaEngine().evaluate(new HpaEngine.Request(SPEC, current, List.of(), queue(queue), List.of(), List.of(), T0));
    assertEquals(alone.desiredReplicas(), d.desiredReplicas());
    assertEquals(alone.reason(), d.reason());
    assertEquals(expected, d.desiredReplicas());
  }

  @Test
  void aStartedControllerHoldsTheCountForAScaleDownWindowAsTheHpaDoes() {
    WorkloadScaler scaler = new WorkloadScaler();
    AutoscalingPolicy policy = AutoscalingPolicy.of(SPEC); // default scale-down window: 300 s
    scaler.started(4, T0);
    assertEquals(4, scaler.evaluate(policy, 4, List.of(), queue(0), T0).desiredReplicas(), "no evidence yet of lower demand");
    assertEquals(4, scaler.evaluate(policy, 4, List.of(), queue(0), T0.plusSeconds(299)).desiredReplicas());
    // recommendations count strictly after the cut-off, as with the HPA's behaviors: at 300 s the first count is out
    assertEquals(1, scaler.evaluate(policy, 4, List.of(), queue(0), T0.plusSeconds(300)).desiredReplicas(), "a window of it");
    WorkloadScaler remembering = new WorkloadScaler();
    remembering.remember(List.of(new History.Recommendation(T0.minusSeconds(400), 9)), List.of());
    remembering.started(4, T0);
    assertEquals(1, remembering.evaluate(policy, 4, List.of(), queue(0), T0).desiredReplicas(),
        "history already held (handed over) stands in for the first count");
    assertEquals(1, new WorkloadScaler().evaluate(policy, 4, List.of(), queue(0), T0).desiredReplicas(),
        "a one-off evaluation that was not started: the HPA engine alone");
    // Started once: after an outage longer than the window (no metrics, nothing recorded, history trimmed empty), the
    // returning low load scales down at once, as the HPA does; calling started() again does not hold a new window.
    WorkloadScaler outage = new WorkloadScaler();
    outage.started(4, T0);
    assertEquals(4, outage.evaluate(policy, 4, List.of(), Map.of(), T0.plusSeconds(10)).desiredReplicas(), "no metrics: hold");
    assertEquals(4, outage.evaluate(policy, 4, List.of(), Map.of(), T0.plusSeconds(630)).desiredReplicas(), "still none");
    outage.started(4, T0.plusSeconds(640));
    assertEquals(1, outage.evaluate(policy, 4, List.of(), queue(0), T0.plusSeconds(640)).desiredReplicas());
  }

  // ---------------------------------------------------------------- schedules

  private static final Schedule WORK_HOURS = new Schedule("work-hours",
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneId.of("Europe/Berlin"), 4, null);
  private static final Schedule NIGHT = new Schedule("night", null, LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("Europe/Berlin"),
      null, 2);

  @ParameterizedTest(name = "{0}: bounds {1}..{2}, schedule {3}")
  @CsvSource(nullValues = "-", value = {
      "2026-03-02T07:00:00Z, 4, 20, work-hours",   // Monday 08:00 Berlin (CET, UTC+1): open, start inclusive
      "2026-03-02T06:59:59Z, 1, 20, -",            // 07:59:59 Berlin: closed
      "2026-03-02T19:00:00Z, 1, 20, -",            // 20:00 Berlin: end exclusive
      "2026-03-07T10:00:00Z, 1, 20, -",            // Saturday
      "2026-07-06T06:30:00Z, 4, 20, work-hours",   // Monday 08:30 Berlin in summer (CEST, UTC+2)
      "2026-03-02T21:30:00Z, 1, 2, night",         // Monday 22:30 Berlin
      "2026-03-03T04:59:00Z, 1, 2, night",         // Tuesday 05:59 Berlin: Monday's window past midnight
      "2026-03-03T05:00:00Z, 1, 20, -"})           // Tuesday 06:00 Berlin
  void theOpenScheduleReplacesTheBounds(String at, int min, int max, String schedule) {
    AutoscalingPolicy p = policy(List.of(WORK_HOURS, NIGHT), null, null, null, null);
    Instant t = Instant.parse(at);
    assertEquals(min, p.specAt(t).minReplicas());
    assertEquals(max, p.specAt(t).maxReplicas());
    PolicyDecision d = new WorkloadScaler().evaluate(p, 3, List.of(), queue(0), t);
    assertEquals(schedule, d.schedule());
    assertEquals(min, d.minReplicas());
  }

  @Test
  void aScheduleFloorRaisesTheCountAndAScheduleCeilingLowersIt() {
    AutoscalingPolicy p = policy(List.of(WORK_HOURS, NIGHT), null, null, null, null);
    PolicyDecision morning = new WorkloadScaler().evaluate(p, 1, List.of(), queue(0), Instant.parse("2026-03-02T08:00:00Z"));
    assertEquals(4, morning.desiredReplicas());
    assertEquals(Reason.TOO_FEW_REPLICAS, morning.reason());
    assertTrue(morning.message().contains("schedule work-hours"), morning.message());
    PolicyDecision night = new WorkloadScaler().evaluate(p, 6, List.of(), queue(100), Instant.parse("2026-03-02T23:00:00Z"));
    assertEquals(2, night.desiredReplicas());
    assertEquals(Reason.TOO_MANY_REPLICAS, night.reason());
  }

  @Test
  void aScheduleFloorAboveThePolicyCeilingLiftsTheCeiling() {
    Schedule peak = new Schedule("peak", null, LocalTime.of(9, 0), LocalTime.of(10, 0), ZoneId.of("UTC"), 30, null);
    ScalingSpec spec = policy(List.of(peak), null, null, null, null).specAt(Instant.parse("2026-03-02T09:30:00Z"));
    assertEquals(30, spec.minReplicas());
    assertEquals(30, spec.maxReplicas());
  }

  @Test
  void aWholeDayScheduleAndOverlapsAreRefused() {
    Schedule sunday = new Schedule("sunday", EnumSet.of(DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("UTC"), 0, null);
    assertTrue(sunday.covers(Instant.parse("2026-03-08T23:59:00Z")));
    assertFalse(sunday.covers(Instant.parse("2026-03-09T00:00:00Z")));
    Schedule lateWork = new Schedule("late", null, LocalTime.of(19, 0), LocalTime.of(23, 0), ZoneId.of("Europe/Berlin"), 2, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> policy(List.of(WORK_HOURS, lateWork), null, null, null, null));
    assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    // Different zones: 08:00-20:00 Berlin and 20:00-23:00 UTC never meet (20:00 UTC is 21:00/22:00 Berlin).
    Schedule evening = new Schedule("evening", null, LocalTime.of(20, 0), LocalTime.of(23, 0), ZoneId.of("UTC"), 2, null);
    assertEquals(2, policy(List.of(WORK_HOURS, evening), null, null, null, null).schedules().size());
    // ... but 18:00-19:00 UTC is 19:00/20:00 Berlin, inside work hours in winter.
    Schedule early = new Schedule("early", null, LocalTime.of(18, 0), LocalTime.of(19, 0), ZoneId.of("UTC"), 2, null);
    assertThrows(IllegalArgumentException.class, () -> policy(List.of(WORK_HOURS, early), null, null, null, null));
  }

  // ---------------------------------------------------------------- panic

  @Test
  void aBurstPanicsPastTheRateLimitAndNothingScalesDownUntilAStableWindowIsQuiet() {
    AutoscalingPolicy p = new AutoscalingPolicy(NO_DOWN_WINDOW, null, Panic.DEFAULT, null, null, null);
    WorkloadScaler s = new WorkloadScaler();
    assertEquals(2, s.evaluate(p, 2, List.of(), queue(10), T0).desiredReplicas());
    // 80 waiting at 2 replicas: the HPA wants 16 but its default limit is max(2 + 4, 2 × 2) = 6; panic asks
    // mean(10, 80) / 5 = 9 → 9 / 2 ready ≥ 200 %: panic, and the count goes to max(HPA 6, panic 9) at once.
    PolicyDecision burst = s.evaluate(p, 2, List.of(), queue(80), T0.plusSeconds(1));
    assertEquals(Reason.PANIC, burst.reason(), burst.message());
    assertTrue(burst.panicking());
    assertEquals(9, burst.panicProposal());
    assertEquals(9, burst.desiredReplicas());
    s.scaled(2, 9, T0.plusSeconds(1));
    // The burst is gone: the HPA would go down (the panic window still holds 80 until it slides past)...
    PolicyDecision calm = s.evaluate(p, 9, List.of(), queue(0), T0.plusSeconds(30));
    assertTrue(calm.panicking());
    assertEquals(9, calm.desiredReplicas(), calm.message());
    assertEquals(Reason.PANIC, calm.reason());
    // ... and a stable window (60 s) after the last over-threshold evaluation the panic ends.
    PolicyDecision after = s.evaluate(p, 9, List.of(), queue(0), T0.plusSeconds(62));
    assertFalse(after.panicking());
    assertEquals(1, after.desiredReplicas(), after.message());
    assertEquals(Reason.TOO_FEW_REPLICAS, after.reason());
  }

  @Test
  void belowThePanicThresholdTheHpaDecides() {
    AutoscalingPolicy p = policy(null, Panic.DEFAULT, null, null, null);
    WorkloadScaler s = new WorkloadScaler();
    // 15 waiting at 2 replicas: panic asks 3 → 150 % < 200 %: no panic; the HPA asks 3.
    PolicyDecision d = s.evaluate(p, 2, List.of(), queue(15), T0);
    assertFalse(d.panicking());
    assertEquals(3, d.desiredReplicas());
    assertEquals(Reason.DESIRED_WITHIN_RANGE, d.reason());
  }

  @Test
  void panicCountsReadyReplicasAndStopsAtMaxReplicas() {
    AutoscalingPolicy p = new AutoscalingPolicy(new ScalingSpec(1, 7, List.of(QUEUE), null, null), null, Panic.DEFAULT, null, null, null);
    List<Replica> oneReady = List.of(new Replica("a", true), new Replica("b", false), new Replica("c", false));
    PolicyDecision d = new WorkloadScaler().evaluate(p, 3, oneReady, queue(50), T0);
    assertTrue(d.panicking(), d.message()); // 10 / 1 ready
    assertEquals(7, d.desiredReplicas());
  }

  // ---------------------------------------------------------------- predictive

  @Test
  void aRampIsForecastOneColdStartAheadAndTheCountRaisedWithinTheRateLimit() {
    AutoscalingPolicy p = policy(null, null, new Predictive(120, 300), null, null);
    WorkloadScaler s = new WorkloadScaler();
    PolicyDecision d = null;
    // The queue grows by 0.1 per second from 10: at t = 100 s it is 20 (4 replicas' worth, so the HPA holds 4);
    // 120 s later it will be 32 → 7 replicas, within the scale-up limit of max(4 + 4, 2 × 4) = 8.
    for (int t = 0; t <= 100; t += 5) {
      d = s.evaluate(p, 4, List.of(), queue(10 + 0.1 * t), T0.plusSeconds(t));
    }
    assertEquals(7, d.predicted());
    assertEquals(Reason.PREDICTIVE_SCALE_UP, d.reason(), d.message());
    assertEquals(7, d.desiredReplicas());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"flat, 0", "falling, -0.1"})
  void aFlatOrFallingTrendAddsNothing(String name, double slope) {
    AutoscalingPolicy p = policy(null, null, new Predictive(120, 300), null, null);
    WorkloadScaler s = new WorkloadScaler();
    PolicyDecision d = null;
    for (int t = 0; t <= 120; t += 5) {
      d = s.evaluate(p, 4, List.of(), queue(19 + slope * t), T0.plusSeconds(t));
    }
    assertTrue(d.predicted() <= 4, "predicted " + d.predicted());
    assertTrue(d.reason() != Reason.PREDICTIVE_SCALE_UP);
  }

  @Test
  void predictionNeedsEnoughHistoryAndRespectsMaxAndTheRateLimit() {
    AutoscalingPolicy p = new AutoscalingPolicy(new ScalingSpec(1, 9, List.of(QUEUE), null, null), null, null,
        new Predictive(600, 300), null, null);
    WorkloadScaler s = new WorkloadScaler();
    PolicyDecision first = s.evaluate(p, 2, List.of(), queue(8), T0);
    assertNull(first.predicted()); // one value: no line
    PolicyDecision d = null;
    for (int t = 10; t <= 80; t += 10) {
      d = s.evaluate(p, 2, List.of(), queue(8 + 0.5 * t), T0.plusSeconds(t)); // 48 at 80 s, 348 in 600 s
    }
    assertTrue(d.predicted() > 9);
    // HPA: 48 / 5 → 10, limited to max(2 + 4, 4) = 6 by the scale-up policy; the forecast cannot pass it either.
    assertEquals(6, d.desiredReplicas(), d.message());
  }

  @Test
  void aForecastOfAMeanScalesTheReadyReplicasNotTheLoadingOnes() {
    // A mean over the ready replicas (KV-cache use, a Value target) rising; 1 replica ready and more loading. The HPA
    // scales a Value by its ready pods, so the forecast does too: counting loading replicas would multiply the count
    // by the forecast ratio at every evaluation while they load (it grew 2 → 256 in 20 s in a backtest).
    MetricSpec kv = new MetricSpec("kv_cache_usage", TargetType.VALUE, 0.9);
    AutoscalingPolicy p = new AutoscalingPolicy(new ScalingSpec(1, 300, List.of(kv), null, null), null, null, new Predictive(60, 100), null,
        null);
    WorkloadScaler s = new WorkloadScaler();
    int current = 2;
    for (int t = 0; t <= 60; t++) {
      List<Replica> replicas = new java.util.ArrayList<>();
      for (int i = 0; i < current; i++) {
        replicas.add(new Replica("r" + i, i == 0));
      }
      PolicyDecision d = s.evaluate(p, current, replicas, Map.of("kv_cache_usage", MetricInput.total(0.7 + 0.005 * t)), T0.plusSeconds(t));
      if (d.desiredReplicas() != current) {
        s.scaled(current, d.desiredReplicas(), T0.plusSeconds(t));
        current = d.desiredReplicas();
      }
    }
    // At 60 s the mean is 1.0 and the line forecasts 1.3 at 120 s: one ready replica's mean needs ceil(1.3 / 0.9) = 2.
    assertEquals(2, current);
  }

  @Test
  void predictionNeverStartsAWorkloadFromZero() {
    AutoscalingPolicy p = new AutoscalingPolicy(new ScalingSpec(0, 9, List.of(QUEUE), null, null), null, null, new Predictive(60, 60),
        null, null);
    WorkloadScaler s = new WorkloadScaler();
    PolicyDecision d = null;
    for (int t = 0; t <= 30; t += 5) {
      d = s.evaluate(p, 0, List.of(), queue(0), T0.plusSeconds(t));
    }
    assertEquals(0, d.desiredReplicas());
    assertEquals(Reason.INACTIVE, d.reason());
  }

  @Test
  void aPredictiveRaiseIsRememberedByTheScaleDownWindow() {
    WorkloadScaler s = new WorkloadScaler();
    AutoscalingPolicy p = new AutoscalingPolicy(SPEC, null, null, new Predictive(120, 300), null, null);
    for (int t = 0; t <= 100; t += 5) {
      s.evaluate(p, 4, List.of(), queue(10 + 0.1 * t), T0.plusSeconds(t));
    }
    s.scaled(4, 7, T0.plusSeconds(100));
    // The ramp stops and the queue drops: without the recorded 7 the HPA would go to 2 at once.
    PolicyDecision d = s.evaluate(p, 7, List.of(), queue(10), T0.plusSeconds(105));
    assertEquals(7, d.desiredReplicas(), d.message());
  }

  private static SampleRing ring(long[] t, double[] v) {
    SampleRing r = new SampleRing();
    for (int i = 0; i < t.length; i++) {
      r.add(t[i], v[i]);
    }
    return r;
  }

  @Test
  void forecastIsTheLeastSquaresLine() {
    long[] t = {0, 10, 20, 30};
    assertEquals(13.0, Predictive.forecast(ring(t, new double[] {1, 3, 5, 7}), -1, 60, 0), 1e-9);
    assertNull(Predictive.forecast(ring(t, new double[] {1, 3, 5, 7}), 10, 60, 0)); // only 2 values after 10
    assertNull(Predictive.forecast(ring(t, new double[] {1, 3, 5, 7}), -1, 60, 31)); // spans 30, needs 31
    assertEquals(0.0, Predictive.forecast(ring(t, new double[] {7, 5, 3, 1}), -1, 60, 0), 1e-9); // never below 0
    // mean (10, 4), slope 10 / 200 = 0.05: at 100, 4 + 0.05 × 90.
    assertEquals(8.5, Predictive.forecast(ring(new long[] {0, 10, 20}, new double[] {3, 5, 4}), -1, 100, 0), 1e-9);
  }

  @Test
  void theRingGrowsAndDropsInOrder() {
    SampleRing r = new SampleRing();
    for (int i = 0; i < 100; i++) {
      r.add(i, i * 2.0);
      if (i % 10 == 9) {
        r.dropUntil(i - 20);
      }
    }
    assertEquals(20, r.size()); // the last drop (at 99) kept 80..99, through several growths and wrap-arounds
    assertEquals(80, r.time(0));
    assertEquals(198.0, r.value(r.size() - 1));
  }

  // ---------------------------------------------------------------- fallback

  @ParameterizedTest(name = "{0} replicas={1} at {2}: {3}")
  @CsvSource(nullValues = "-", value = {
      "STATIC, 6, 2, 6",
      "STATIC, 6, 8, 8",                        // never down on missing data
      "CURRENT_REPLICAS, -, 3, 3",
      "CURRENT_REPLICAS_IF_HIGHER, 6, 2, 6",
      "CURRENT_REPLICAS_IF_HIGHER, 6, 7, 7",
      "STATIC, 50, 2, 20"})                     // within maxReplicas
  void afterTheThresholdTheFallbackCountApplies(Fallback.Behavior behavior, Integer replicas, int current, int expected) {
    AutoscalingPolicy p = policy(null, null, null, new Fallback(3, replicas, behavior), null);
    WorkloadScaler s = new WorkloadScaler();
    for (int i = 0; i < 2; i++) {
      PolicyDecision held = s.evaluate(p, current, List.of(), Map.of(), T0.plusSeconds(i));
      assertEquals(current, held.desiredReplicas());
      assertEquals(Reason.INVALID_METRICS, held.reason());
      assertNull(held.fallback());
    }
    PolicyDecision d = s.evaluate(p, current, List.of(), Map.of(), T0.plusSeconds(2));
    assertEquals(expected, d.desiredReplicas(), d.message());
    assertEquals(Reason.FALLBACK, d.reason());
    assertEquals(3, d.failuresInARow());
  }

  @Test
  void aUsableValueResetsTheFailureRun() {
    AutoscalingPolicy p = policy(null, null, null, new Fallback(2, 6, Fallback.Behavior.STATIC), null);
    WorkloadScaler s = new WorkloadScaler();
    s.evaluate(p, 2, List.of(), Map.of(), T0);
    assertEquals(0, s.evaluate(p, 2, List.of(), queue(10), T0.plusSeconds(1)).failuresInARow());
    PolicyDecision d = s.evaluate(p, 2, List.of(), Map.of(), T0.plusSeconds(2));
    assertEquals(1, d.failuresInARow());
    assertEquals(2, d.desiredReplicas());
  }

  @Test
  void oneMissingMetricOfTwoCountsAsAFailure() {
    MetricSpec kv = new MetricSpec("kv_cache_usage", TargetType.VALUE, 0.8);
    AutoscalingPolicy p = new AutoscalingPolicy(new ScalingSpec(1, 20, List.of(QUEUE, kv), null, null), null, null, null,
        new Fallback(1, 5, Fallback.Behavior.STATIC), null);
    PolicyDecision d = new WorkloadScaler().evaluate(p, 2, List.of(), queue(10), T0);
    assertEquals(1, d.failuresInARow());
    assertEquals(5, d.desiredReplicas());
    assertEquals(Reason.FALLBACK, d.reason());
  }

  // ---------------------------------------------------------------- pause

  @ParameterizedTest(name = "up paused {0}, down paused {1}, queue {2}: {3} {4}")
  @CsvSource({
      "true, false, 40, 2, ScaleUpPaused",
      "true, false, 0, 1, TooFewReplicas",
      "false, true, 0, 2, ScaleDownPaused",
      "false, true, 40, 6, ScaleUpLimit"})
  void aPausedDirectionHolds(boolean up, boolean down, double q, int expected, String reason) {
    AutoscalingPolicy p = new AutoscalingPolicy(NO_DOWN_WINDOW, null, null, null, null, new Pause(up, down));
    PolicyDecision d = new WorkloadScaler().evaluate(p, 2, List.of(), queue(q), T0);
    assertEquals(expected, d.desiredReplicas(), d.message());
    assertEquals(reason, d.reason().hpaName());
  }

  @Test
  void pauseWinsOverPanicAndFallback() {
    AutoscalingPolicy p = policy(null, Panic.DEFAULT, null, new Fallback(1, 9, Fallback.Behavior.STATIC), new Pause(true, false));
    WorkloadScaler s = new WorkloadScaler();
    assertEquals(2, s.evaluate(p, 2, List.of(), queue(200), T0).desiredReplicas());
    assertEquals(2, s.evaluate(p, 2, List.of(), Map.of(), T0.plusSeconds(1)).desiredReplicas());
  }
}
