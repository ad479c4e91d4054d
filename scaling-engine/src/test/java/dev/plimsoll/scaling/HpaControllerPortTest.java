package dev.plimsoll.scaling;

import static dev.plimsoll.scaling.HpaPort.generateScalingRules;
import static dev.plimsoll.scaling.HpaPort.levels;
import static dev.plimsoll.scaling.HpaPort.rec;
import static dev.plimsoll.scaling.HpaPort.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.scaling.HpaPort.Scenario;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of the HPA controller's end-to-end cases (one reconcile: metrics, several metrics, min/max, stabilization,
 * rate limits, conditions) to {@link HpaEngine#evaluate}.
 *
 * <p>Upstream: kubernetes/kubernetes {@code pkg/controller/podautoscaler/horizontal_test.go} at commit
 * 003e86297d18a8538c9da3619871393f9703bf70. Each row is one upstream {@code func TestXxx} with its
 * {@code testCase}: min/max, spec replicas, pods (reportedCPURequests), readiness, reported levels, metric specs,
 * recommendations, and its {@code expectedDesiredReplicas}. Conditions: upstream's ScalingLimited / ScalingActive
 * reason is compared with {@link Reason#hpaName()} (ScalingActive=False for invalid or failed metrics is the
 * engine's {@code InvalidMetrics}); AbleToScale ReadyForNewScale / ScaleDownStabilized, where upstream expects it
 * (no rescale), with {@link Evaluation#stabilization()}. A null column means upstream sets no such condition.
 *
 * <p>Mapping notes (see {@link HpaPort}): every upstream controller test without behavior runs the legacy
 * (behavior-less) path with {@code scaleUpLimitFactor} raised to 8; the engine always applies the v2 default
 * behavior (max(+4 pods, +100 %) per 15 s), which does not bind in any row here. Selector, scale-client and
 * event-recording tests (TestConditionInvalidSelector*, TestConditionAmbiguousSelector*,
 * TestConditionFailedGetScale, TestConditionFailedUpdateScale, TestAvoidUnnecessaryUpdates, TestMultipleHPAs) test
 * the Kubernetes plumbing around the decision and are not ported.
 */
class HpaControllerPortTest {

  private static Arguments c(String upstream, Scenario s, int expected, String condition, String ableToScale) {
    return Arguments.of(upstream, s, expected, condition, ableToScale);
  }

  private static final String DWR = "DesiredWithinRange";
  private static final String READY = "ReadyForNewScale";

  static Stream<Arguments> controllerCases() {
    return Stream.of(
        // --- CPU utilization, scale up
        c("TestScaleUp", scenario(3).bounds(2, 6).cpu(30, levels(300, 500, 700)), 5, DWR, null),
        c("TestScaleUpContainer", scenario(3).bounds(2, 6).cpu(30, levels(300, 500, 700)), 5, DWR, null),
        c("TestScaleUpDeployment", scenario(3).bounds(2, 6).cpu(30, levels(300, 500, 700)), 5, DWR, null),
        c("TestScaleUpReplicaSet", scenario(3).bounds(2, 6).cpu(30, levels(300, 500, 700)), 5, DWR, null),
        c("TestScaleUpUnreadyLessScale", scenario(3).bounds(2, 6).ready("FTT").cpu(30, levels(300, 500, 700)), 4, DWR, null),
        c("TestScaleUpHotCpuLessScale", scenario(3).bounds(2, 6).ready("FTT").cpu(30, levels(300, 500, 700)), 4, DWR, null),
        c("TestScaleUpUnreadyNoScale", scenario(3).bounds(2, 6).ready("TFF").cpu(30, levels(400, 500, 700)), 3, DWR, READY),
        c("TestScaleUpHotCpuNoScale", scenario(3).bounds(2, 6).ready("TFF").cpu(30, levels(400, 500, 700)), 3, DWR, READY),
        // 2 running pods; the 2 Failed / deleted pods are left out
        c("TestScaleUpIgnoresFailedPods", scenario(2).bounds(2, 6).cpu(30, levels(500, 700)), 4, DWR, null),
        c("TestScaleUpIgnoresDeletionPods", scenario(2).bounds(2, 6).cpu(30, levels(500, 700)), 4, DWR, null),
        // --- Pods, Object, External metrics, scale up
        c("TestScaleUpCM", scenario(3).bounds(2, 6).podsMetric(15, 20, 10, 30), 4, DWR, null),
        // pod 0 is hot-CPU only (ready): the HPA ignores CPU warm-up for a Pods metric
        c("TestScaleUpHotCpuNoScaleWouldScaleDown", scenario(3).bounds(2, 6).podsMetric(15, 50, 15, 30), 6, "TooManyReplicas", null),
        c("TestScaleUpCMObject", scenario(3).bounds(2, 6).value(15, 20), 4, DWR, null),
        c("TestScaleUpFromZeroCMObject", scenario(0).bounds(0, 6).value(15, 20), 2, DWR, null),
        c("TestScaleUpFromZeroIgnoresToleranceCMObject", scenario(0).bounds(0, 6).value(1, 1), 1, DWR, null),
        c("TestScaleUpPerPodCMObject", scenario(3).bounds(2, 6).averageValue(10, 40), 4, DWR, null),
        c("TestScaleUpCMExternal", scenario(3).bounds(2, 6).value(6.666, 8.6), 4, DWR, null),
        c("TestScaleUpPerPodCMExternal", scenario(3).bounds(2, 6).averageValue(2.222, 8.6), 4, DWR, null),
        c("TestNoBackoffUpscaleCM", scenario(3).bounds(1, 5).podsMetric(15, 20, 10, 30), 4, DWR, null),
        // two metrics: CPU proposes 600, qps 4; the largest wins, capped by maxReplicas
        c("TestNoBackoffUpscaleCMNoBackoffCpu", scenario(3).bounds(1, 5).cpu(10, levels(20000, 10000, 30000)).podsMetric(15, 20, 10, 30),
            5, "TooManyReplicas", null),
        // --- scale down (upstream passes an empty recommendation list so stabilization does not hold)
        c("TestScaleDown", scenario(5).bounds(2, 6).recs().cpu(50, levels(100, 300, 500, 250, 250)), 3, DWR, null),
        c("TestScaleDownContainerResource", scenario(5).bounds(2, 6).recs().cpu(50, levels(100, 300, 500, 250, 250)), 3, DWR, null),
        c("TestScaleDownWithScalingRules", scenario(5).bounds(2, 6).recs().scaleUp(generateScalingRules(0, 0, 100, 15, 30))
            .cpu(50, levels(100, 300, 500, 250, 250)), 3, DWR, null),
        c("TestScaleDownCM", scenario(5).bounds(2, 6).recs().podsMetric(20, 12, 12, 12, 12, 12), 3, DWR, null),
        c("TestScaleDownCMObject", scenario(5).bounds(2, 6).recs().value(20, 12), 3, DWR, null),
        c("TestScaleDownPerPodCMObject", scenario(5).bounds(2, 6).recs().averageValue(20, 60), 3, DWR, null),
        c("TestScaleDownCMExternal", scenario(5).bounds(2, 6).recs().value(14.4, 8.6), 3, DWR, null),
        c("TestScaleDownPerPodCMExternal", scenario(5).bounds(2, 6).recs().averageValue(3, 8.6), 3, DWR, null),
        c("TestScaleDownIncludeUnreadyPods", scenario(5).bounds(2, 6).recs().ready("TTTFF").cpu(50, levels(100, 300, 500, 250, 250)), 2,
            DWR, null),
        c("TestScaleDownIgnoreHotCpuPods", scenario(5).bounds(2, 6).recs().ready("TTTFF").cpu(50, levels(100, 300, 500, 250, 250)), 2,
            DWR, null),
        c("TestScaleDownIgnoresFailedPods", scenario(5).bounds(2, 6).recs().cpu(50, levels(100, 300, 500, 250, 250)), 3, DWR, null),
        c("TestScaleDownIgnoresDeletionPods", scenario(5).bounds(2, 6).recs().cpu(50, levels(100, 300, 500, 250, 250)), 3, DWR, null),
        // recommendations nil: the controller seeds the current count, which holds the scale-down
        c("TestScaleDownStabilizeInitialSize", scenario(5).bounds(2, 6).cpu(50, levels(100, 300, 500, 250, 250)), 5, DWR,
            "ScaleDownStabilized"),
        c("TestStabilizeDownscale", scenario(4).bounds(1, 5).pods(3).recs(rec(10, 600), rec(4, 60)).cpu(100, levels(50, 50, 50), 0.1, 0.1, 0.1),
            4, DWR, "ScaleDownStabilized"),
        // --- scale to zero (minReplicas 0); the reasons are in zeroReplicasReason below
        c("TestScaleDownToZeroCMObject", scenario(5).bounds(0, 6).recs().value(20, 0), 0, null, null),
        c("TestScaleDownToZeroCMExternal", scenario(5).bounds(0, 6).recs().value(14.4, 0), 0, null, null),
        c("TestZeroMinReplicasDesiredZero", scenario(3).bounds(0, 5).recs().cpu(90, levels(0, 0, 0), 0.9, 1.0, 1.1), 0, null, null),
        // --- invalid or unavailable metrics: scale up still possible, scale down blocked
        c("TestScaleUpOneMetricInvalid", scenario(3).bounds(2, 6).cpu(30, levels(300, 400, 500)).invalid("CheddarCheese"), 4, DWR, null),
        c("TestScaleUpFromZeroOneMetricInvalid", scenario(0).bounds(0, 6).pods(3).recs().cpu(30, levels(300, 400, 500))
            .invalid("CheddarCheese"), 4, DWR, null),
        c("TestScaleUpOneMetricEmpty", scenario(3).bounds(2, 6).cpu(30, levels(300, 400, 500)).invalid("qps-external"), 4, DWR, null),
        c("TestNoScaleDownOneMetricInvalid", scenario(5).bounds(2, 6).recs().cpu(50, levels(100, 300, 500, 250, 250))
            .invalid("CheddarCheese"), 5, "InvalidMetrics", null),
        c("TestNoScaleDownOneMetricEmpty", scenario(5).bounds(2, 6).recs().cpu(50, levels(100, 300, 500, 250, 250))
            .invalid("qps-external"), 5, "InvalidMetrics", null),
        c("TestScaleUpBothMetricsEmpty", scenario(3).bounds(2, 6).invalid("CheddarCheese"), 3, "InvalidMetrics", null),
        c("TestConditionInvalidSourceType", scenario(3).bounds(2, 6).invalid("CheddarCheese"), 3, "InvalidMetrics", null),
        c("TestConditionFailedGetMetrics FailedGetResourceMetric", scenario(3).bounds(1, 100).invalid("cpu"), 3, "InvalidMetrics", null),
        c("TestConditionFailedGetMetrics FailedGetPodsMetric", scenario(3).bounds(1, 100).invalid("qps"), 3, "InvalidMetrics", null),
        c("TestConditionFailedGetMetrics FailedGetObjectMetric", scenario(3).bounds(1, 100).invalid("qps-object"), 3, "InvalidMetrics",
            null),
        c("TestConditionFailedGetMetrics FailedGetExternalMetric", scenario(3).bounds(1, 100).invalid("qps-external"), 3,
            "InvalidMetrics", null),
        c("TestEmptyMetrics", scenario(4).bounds(2, 6).cpu(100, levels()), 4, "InvalidMetrics", null),
        // no CPU request: no utilization can be computed, i.e. the metric has no value
        c("TestEmptyCPURequest", scenario(1).bounds(1, 5).invalid("cpu"), 1, "InvalidMetrics", null),
        // --- tolerance
        c("TestTolerance", scenario(3).bounds(1, 5).cpu(100, levels(1010, 1030, 1020), 0.9, 1.0, 1.1), 3, DWR, READY),
        c("TestToleranceCM", scenario(3).bounds(1, 5).podsMetric(20, 20, 20.001, 21), 3, DWR, READY),
        c("TestToleranceCMObject", scenario(3).bounds(1, 5).value(20, 20.05), 3, DWR, READY),
        c("TestToleranceCMExternal", scenario(4).bounds(2, 6).value(8.666, 8.6), 4, DWR, READY),
        c("TestTolerancePerPodCMObject", scenario(4).bounds(2, 6).averageValue(2.2, 8.6), 4, DWR, READY),
        c("TestTolerancePerPodCMExternal", scenario(4).bounds(2, 6).averageValue(2.2, 8.6), 4, DWR, READY),
        // HPA utilization 50 % (sum/sum) against 56 % then 55 %; min 0, max 1000
        c("TestComputedToleranceAlgImplementation tc1", scenario(10).bounds(0, 1000).recs().cpuTotal(56, 50), 9, DWR, null),
        c("TestComputedToleranceAlgImplementation tc2", scenario(10).bounds(0, 1000).recs().cpuTotal(55, 50), 10, DWR, READY),
        // --- min / max
        c("TestMinReplicas", scenario(3).bounds(2, 5).recs().cpu(90, levels(10, 95, 10), 0.9, 1.0, 1.1), 2, "TooFewReplicas", null),
        c("TestMinReplicasDesiredZero", scenario(3).bounds(2, 5).recs().cpu(90, levels(0, 0, 0), 0.9, 1.0, 1.1), 2, "TooFewReplicas",
            null),
        // the next five start outside min..max (or at 0), so the HPA decides before reading metrics; the CPU metric is only
        // there because a spec needs one (TestScaleUpRCImmediately has no CPU target upstream)
        c("TestZeroReplicas", scenario(0).bounds(3, 5).cpu(90, levels()), 0, "ScalingDisabled", null),
        c("TestTooFewReplicas", scenario(2).bounds(3, 5).cpu(90, levels()), 3, null, null),
        c("TestTooManyReplicas", scenario(10).bounds(3, 5).cpu(90, levels()), 5, null, null),
        c("TestScaleUpRCImmediately", scenario(1).bounds(2, 6).pods(4).cpu(90, levels(0, 0, 0, 0)), 2, null, null),
        c("TestScaleDownRCImmediately", scenario(6).bounds(2, 5).pods(3).cpu(50, levels(8000, 9500, 1000), 0.9, 1.0, 1.1), 5, null, null),
        c("TestMaxReplicas", scenario(3).bounds(2, 5).cpu(90, levels(8000, 9500, 1000), 0.9, 1.0, 1.1), 5, "TooManyReplicas", null),
        c("TestSuperfluousMetrics", scenario(4).bounds(2, 6).cpu(100, levels(4000, 9500, 3000, 7000, 3200, 2000)), 6, "TooManyReplicas",
            null),
        c("TestUpscaleCap", scenario(3).bounds(1, 100).scaleUp(generateScalingRules(0, 0, 700, 60, 0))
            .cpu(10, levels(100, 200, 300), 0.1, 0.1, 0.1), 24, "ScaleUpLimit", null),
        c("TestUpscaleCapGreaterThanMaxReplicas", scenario(3).bounds(1, 20).scaleUp(generateScalingRules(0, 0, 700, 60, 0))
            .cpu(10, levels(100, 200, 300), 0.1, 0.1, 0.1), 20, "TooManyReplicas", null),
        // --- missing metrics, extra pods
        c("TestMissingMetrics", scenario(4).bounds(2, 6).recs().cpu(100, levels(400, 95)), 3, DWR, null),
        c("TestMissingReports", scenario(4).bounds(1, 5).pods(1).recs().cpu(50, levels(200), 0.2), 2, DWR, null),
        c("TestMoreReplicasThanSpecNoScale", scenario(4).bounds(1, 8).pods(5).cpu(50, levels(500, 500, 500, 500, 500)), 4, DWR, READY),
        c("TestEventCreated", scenario(1).bounds(1, 5).cpu(50, levels(200), 0.2), 2, DWR, null),
        c("TestEventNotCreated", scenario(2).bounds(1, 5).cpu(50, levels(200, 200), 0.4, 0.4), 2, DWR, READY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void controllerCases(String upstream, Scenario s, int expectedDesiredReplicas, String condition, String ableToScale) {
    Evaluation e = s.evaluate();
    assertEquals(expectedDesiredReplicas, e.desiredReplicas(), () -> upstream + ": " + s + " -> " + e);
    if (condition != null) {
      assertEquals(condition, e.reason().hpaName(), () -> upstream + ": " + e.message());
    }
    if (ableToScale != null) {
      assertEquals(ableToScale, e.stabilization(), () -> upstream + ": " + e);
    }
  }

  /**
   * Upstream expects ScalingLimited=False/DesiredWithinRange when the count goes to zero with minReplicas 0
   * (TestScaleDownToZeroCMObject, TestScaleDownToZeroCMExternal, TestZeroMinReplicasDesiredZero). The engine gets the
   * count right (rows above) but names the reason Inactive, its own addition for KEDA-style activation.
   */
  static Stream<Arguments> zeroReplicasReason() {
    return Stream.of(
        Arguments.of("TestScaleDownToZeroCMObject", scenario(5).bounds(0, 6).recs().value(20, 0)),
        Arguments.of("TestScaleDownToZeroCMExternal", scenario(5).bounds(0, 6).recs().value(14.4, 0)),
        Arguments.of("TestZeroMinReplicasDesiredZero", scenario(3).bounds(0, 5).recs().cpu(90, levels(0, 0, 0), 0.9, 1.0, 1.1)));
  }

  @ParameterizedTest(name = "{0} (condition)")
  @MethodSource
  @Disabled("differs from HPA: going to zero with minReplicas 0 the engine reports its own Inactive reason (activation), "
      + "the HPA DesiredWithinRange")
  void zeroReplicasReason(String upstream, Scenario s) {
    assertEquals(DWR, s.evaluate().reason().hpaName(), upstream);
  }

  /**
   * TestScaleUpCMUnreadyAndHotCpuNoLessScale: Pods metric [50, 10, 30] (target 15), pod 2 unready. Upstream 6 (the
   * HPA ignores readiness for Pods metrics: ratio 2, 6); the engine applies readiness to every per-replica metric
   * (unready pod at 0 on scale-up: 1.33 × 3 = 4).
   */
  @Test
  @Disabled("differs from HPA: the engine applies readiness to every per-replica metric, the HPA only to CPU (upstream 6, engine 4)")
  void testScaleUpCMUnreadyAndHotCpuNoLessScale() {
    Evaluation e = scenario(3).bounds(2, 6).ready("TTF").podsMetric(15, 50, 10, 30).evaluate();
    assertEquals(6, e.desiredReplicas());
  }

  /**
   * TestScaleUpCMUnreadyandCpuHot: Pods metric [50, 15, 30] (target 15), pods 0 and 2 unready. Upstream 6 with
   * TooManyReplicas (all pods count: 2.11 × 3 → 7, capped at 6); the engine sees one ready pod at the target and
   * holds 3.
   */
  @Test
  @Disabled("differs from HPA: the engine applies readiness to every per-replica metric, the HPA only to CPU (upstream 6, engine 3)")
  void testScaleUpCMUnreadyandCpuHot() {
    Evaluation e = scenario(3).bounds(2, 6).ready("FTF").podsMetric(15, 50, 15, 30).evaluate();
    assertEquals(6, e.desiredReplicas());
    assertEquals("TooManyReplicas", e.reason().hpaName());
  }

  /** The two cases above as the HPA counts them for a Pods metric (readiness not considered): both pass. */
  @Test
  void podsMetricCasesWithEveryPodCounted() {
    assertEquals(6, scenario(3).bounds(2, 6).podsMetric(15, 50, 10, 30).evaluate().desiredReplicas());
    Evaluation e = scenario(3).bounds(2, 6).podsMetric(15, 50, 15, 30).evaluate();
    assertEquals(6, e.desiredReplicas());
    assertEquals("TooManyReplicas", e.reason().hpaName());
  }
}
