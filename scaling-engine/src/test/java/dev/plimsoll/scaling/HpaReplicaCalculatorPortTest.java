package dev.plimsoll.scaling;

import static dev.plimsoll.scaling.HpaPort.levels;
import static dev.plimsoll.scaling.HpaPort.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.plimsoll.scaling.HpaPort.Scenario;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of the HPA's replica-calculator cases (one metric's proposal) to {@link HpaEngine}.
 *
 * <p>Upstream: kubernetes/kubernetes {@code pkg/controller/podautoscaler/replica_calculator_test.go} at commit
 * 00067268967ec95a40035bd666374a1caf48dd1a (the blob STYLE.md cites as @0006726); the configurable-tolerance cases
 * ({@code TestReplicaCalcConfigurableTolerance*}, {@code TestPlainMetricReplicaCalcMissingMetricsNoChangeEq},
 * {@code TestReplicaCalcMissingMetricsScaleDownTargetOver100}, {@code TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM})
 * from a newer stored copy of the same file with {@code Tolerances{scaleDown, scaleUp}} (search-index file id
 * 51982554829; the index does not name its repository or commit). Case names are upstream's test names; expected
 * counts are upstream's {@code expectedReplicas}, unchanged. The code it tests was checked against
 * replica_calculator.go copies found by text search ({@code fallbackUtilization := max(100, targetUtilization)};
 * missing pods filled only when the ratio is below or above 1, not equal).
 *
 * <p>Mapping (see {@link HpaPort}): upstream returns one metric's replica count, which here is the first metric's
 * {@link Evaluation.MetricProposal#proposal()} (null where upstream returns an error). Pods are {@code test-pod-N};
 * the metric levels upstream reports for pods 0..k-1 are the per-replica values, the other pods have none (missing).
 * CPU levels are milli-CPU over the pod's request. Unready and "hot CPU" pods are {@code ready=false}; Failed and
 * deleted pods are not passed (the HPA discards them before counting).
 */
class HpaReplicaCalculatorPortTest {

  static Stream<Arguments> replicaCalculatorCases() {
    return Stream.of(
        // --- CPU utilization (GetResourceReplicas)
        Arguments.of("TestReplicaCalcScaleUp", scenario(3).cpu(30, levels(300, 500, 700)), 5),
        Arguments.of("TestReplicaCalcScaleUpUnreadyLessScale", scenario(3).ready("FTT").cpu(30, levels(300, 500, 700)), 4),
        Arguments.of("TestReplicaCalcScaleUpHotCpuLessScale", scenario(3).ready("FTT").cpu(30, levels(300, 500, 700)), 4),
        Arguments.of("TestReplicaCalcScaleUpUnreadyNoScale", scenario(3).ready("TFF").cpu(30, levels(400, 500, 700)), 3),
        Arguments.of("TestReplicaCalcScaleHotCpuNoScale", scenario(3).ready("TFF").cpu(30, levels(400, 500, 700)), 3),
        // 2 running pods + 2 Failed pods (left out)
        Arguments.of("TestReplicaCalcScaleUpIgnoresFailedPods", scenario(2).cpu(30, levels(500, 700)), 4),
        // 2 pods + 2 pods being deleted (left out)
        Arguments.of("TestReplicaCalcScaleUpIgnoresDeletionPods", scenario(2).cpu(30, levels(500, 700)), 4),
        Arguments.of("TestReplicaCalcScaleDown", scenario(5).cpu(50, levels(100, 300, 500, 250, 250)), 3),
        Arguments.of("TestReplicaCalcScaleDownIncludeUnreadyPods", scenario(5).ready("TTTFF").cpu(50, levels(100, 300, 500, 250, 250)), 2),
        Arguments.of("TestReplicaCalcScaleDownIgnoreHotCpuPods", scenario(5).ready("TTTFF").cpu(50, levels(100, 300, 500, 250, 250)), 2),
        Arguments.of("TestReplicaCalcScaleDownIgnoresFailedPods", scenario(5).cpu(50, levels(100, 300, 500, 250, 250)), 3),
        Arguments.of("TestReplicaCalcScaleDownIgnoresDeletionPods", scenario(5).cpu(50, levels(100, 300, 500, 250, 250)), 3),
        Arguments.of("TestReplicaCalcTolerance", scenario(3).cpu(100, levels(1010, 1030, 1020), 0.9, 1.0, 1.1), 3),
        // 6 metrics for 4 pods: the extra two name no pod and are ignored
        Arguments.of("TestReplicaCalcSuperfluousMetrics", scenario(4).cpu(100, levels(4000, 9500, 3000, 7000, 3200, 2000)), 24),
        Arguments.of("TestReplicaCalcMissingMetrics", scenario(4).cpu(100, levels(400, 95)), 3),
        Arguments.of("TestReplicaCalcMissingMetricsNoChangeGt", scenario(2).cpu(100, levels(1900)), 2),
        Arguments.of("TestReplicaCalcMissingMetricsNoChangeLt", scenario(2).cpu(100, levels(600)), 2),
        Arguments.of("TestReplicaCalcMissingMetricsUnreadyChange", scenario(3).ready("FTT").cpu(50, levels(100, 450)), 3),
        Arguments.of("TestReplicaCalcMissingMetricsHotCpuNoChange", scenario(3).ready("FTT").cpu(50, levels(100, 450)), 3),
        Arguments.of("TestReplicaCalcMissingMetricsUnreadyScaleUp", scenario(3).ready("FTT").cpu(50, levels(100, 2000)), 4),
        Arguments.of("TestReplicaCalcMissingMetricsHotCpuScaleUp", scenario(3).ready("FTT").cpu(50, levels(100, 2000)), 4),
        Arguments.of("TestReplicaCalcMissingMetricsScaleDownTargetOver100",
            scenario(4).ready("FTTT").cpu(300, levels(200, 100, 100), 1.0, 1.0, 2.0, 2.0), 2),
        // currentReplicas 2, a third pod from the surge without metrics
        Arguments.of("TestReplicaCalcDuringRollingUpdateWithMaxSurge", scenario(2).pods(3).cpu(50, levels(100, 100)), 2),
        // --- Pods metrics (GetMetricReplicas): AverageValue per pod
        Arguments.of("TestReplicaCalcScaleUpCM", scenario(3).podsMetric(15, 20, 10, 30), 4),
        Arguments.of("TestReplicaCalcScaleDownCM", scenario(5).podsMetric(20, 12, 12, 12, 12, 12), 3),
        Arguments.of("TestReplicaCalcToleranceCM", scenario(3).podsMetric(20, 20, 21, 21), 3),
        // upstream names it External but runs it as a podMetric
        Arguments.of("TestReplicaCalcScaleUpCMExternal", scenario(1).podsMetric(4.4, 8.6), 2),
        Arguments.of("TestReplicaCalcScaleUpCMExternalNoLabels", scenario(1).podsMetric(4.4, 8.6), 2),
        Arguments.of("TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM", scenario(2).pods(3).podsMetric(17, 10, 10), 2),
        // --- Object metrics (GetObjectMetricReplicas / GetObjectPerPodMetricReplicas)
        Arguments.of("TestReplicaCalcScaleUpCMObject", scenario(3).value(15, 20), 4),
        Arguments.of("TestReplicaCalcScaleUpCMPerPodObject", scenario(3).averageValue(5, 20), 4),
        // "If we did not ignore unready pods, we'd expect 15 replicas": ceil(5 × 1 ready pod)
        Arguments.of("TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods", scenario(3).ready("FTF").value(10, 50), 5),
        Arguments.of("TestReplicaCalcScaleDownCMObject", scenario(5).value(20, 12), 3),
        Arguments.of("TestReplicaCalcScaleDownPerPodCMObject", scenario(5).averageValue(2, 6), 3),
        Arguments.of("TestReplicaCalcToleranceCMObject", scenario(3).value(20, 20.666), 3),
        Arguments.of("TestReplicaCalcTolerancePerPodCMObject", scenario(4).averageValue(5, 20.166), 4),
        // --- External metrics (GetExternalMetricReplicas / GetExternalPerPodMetricReplicas)
        Arguments.of("TestReplicaCalcScaleUpPerPodCMExternal", scenario(3).averageValue(2.15, 8.6), 4),
        Arguments.of("TestReplicaCalcScaleDownCMExternal", scenario(5).value(14.334, 8.6), 3),
        Arguments.of("TestReplicaCalcScaleDownPerPodCMExternal", scenario(5).averageValue(2.867, 8.6), 3),
        Arguments.of("TestReplicaCalcToleranceCMExternal", scenario(3).value(8.888, 8.6), 3),
        Arguments.of("TestReplicaCalcTolerancePerPodCMExternal", scenario(3).averageValue(2.9, 8.6), 3),
        // --- Configurable tolerance (newer copy; Tolerances{scaleDown, scaleUp})
        Arguments.of("TestReplicaCalcConfigurableTolerance: Outside of a 0% tolerance",
            scenario(3).tolerances(0, 0).cpu(100, levels(909, 1010, 1111), 0.9, 1.0, 1.1), 4),
        // upstream scale-up tolerance 2.0; the engine accepts tolerances below 1 only, 0.99 keeps 190 % within
        Arguments.of("TestReplicaCalcConfigurableTolerance: Within a 200% scale-up tolerance",
            scenario(3).tolerances(0.1, 0.99).cpu(100, levels(1890, 1910, 1900), 0.9, 1.0, 1.1), 3),
        // upstream scale-down tolerance 2.0 ("superfluous": the ratio is above 1); the engine accepts below 1 only
        Arguments.of("TestReplicaCalcConfigurableTolerance: Outside 8% scale-up tolerance (and superfuous scale-down tolerance)",
            scenario(3).tolerances(0.99, 0.08).cpu(100, levels(1100, 1080, 1090), 0.9, 1.0, 1.1), 4),
        Arguments.of("TestReplicaCalcConfigurableTolerance: Within a 36% scale-down tolerance",
            scenario(3).tolerances(0.36, 0.1).cpu(100, levels(660, 640, 650), 0.9, 1.0, 1.1), 3),
        Arguments.of("TestReplicaCalcConfigurableTolerance: Outside a 34% scale-down tolerance",
            scenario(3).tolerances(0.34, 0.1).cpu(100, levels(660, 640, 650), 0.9, 1.0, 1.1), 2),
        Arguments.of("TestReplicaCalcConfigurableToleranceCM", scenario(3).tolerances(0.1, 0.01).podsMetric(20, 20, 21, 21), 4),
        Arguments.of("TestReplicaCalcConfigurableToleranceCMObject", scenario(3).tolerances(0.1, 0.01).value(20, 20.666), 4),
        Arguments.of("TestReplicaCalcConfigurableTolerancePerPodCMObject", scenario(4).tolerances(0.1, 0.01).averageValue(5, 20.208), 5),
        Arguments.of("TestReplicaCalcConfigurableToleranceCMExternal", scenario(3).tolerances(0.1, 0.01).value(8.8, 8.9), 4),
        Arguments.of("TestReplicaCalcConfigurableTolerancePerPodCMExternal", scenario(3).tolerances(0.1, 0.01).averageValue(2.8, 8.6), 4),
        // --- Computed tolerance: 10 pods, 150 m each, requests 300 ± jitter (sum 3000 m): 50 % utilization.
        // The HPA's utilization is sum(usage) / sum(requests); with unequal requests that is one workload-wide number,
        // passed as such (the per-replica form is below).
        Arguments.of("TestReplicaCalcComputedToleranceAlgImplementation (target 56%)", scenario(10).cpuTotal(56, 50), 9),
        Arguments.of("TestReplicaCalcComputedToleranceAlgImplementation (target 55%, unscaling)", scenario(10).cpuTotal(55, 50), 10));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void replicaCalculatorCases(String upstream, Scenario s, int expectedReplicas) {
    assertEquals(expectedReplicas, s.proposal(), () -> upstream + ": " + s);
  }

  /** Upstream returns an error; the engine computes no proposal for that metric (and holds: InvalidMetrics). */
  static Stream<Arguments> replicaCalculatorErrors() {
    return Stream.of(
        // the only metric names a pod that is not in the list: "no metrics returned matched known pods"
        Arguments.of("TestReplicaCalcDisjointResourcesMetrics", scenario(1).cpuPercentages(100, Map.of("an-older-pod-name", 10.0))),
        // "unable to get metrics for resource cpu: no metrics returned from resource metrics API"
        Arguments.of("TestReplicaCalcEmptyMetrics", scenario(4).pods(3).cpuPercentages(100, Map.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void replicaCalculatorErrors(String upstream, Scenario s) {
    assertNull(s.proposal(), upstream);
    assertEquals(Reason.INVALID_METRICS, s.evaluate().reason(), upstream);
  }

  /**
   * TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale: a Pods metric [50, 10, 30] (target 15), pod 2 unready and hot.
   * Upstream 6: the HPA applies readiness only to CPU resource metrics, so all three pods count (average 30, ratio
   * 2). The engine applies readiness to every per-replica metric (a replica loading its model is unready whatever
   * the signal) and gives 4 (unready pod at 0 on scale-up: 60 / 3 / 15 = 1.33 × 3).
   */
  @Test
  @Disabled("differs from HPA: the engine applies readiness to every per-replica metric; the HPA only to CPU "
      + "(upstream 6, engine 4)")
  void testReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale() {
    assertEquals(6, scenario(3).ready("TTF").podsMetric(15, 50, 10, 30).proposal());
  }

  /** The same case as the HPA sees it for a Pods metric: readiness not considered, every pod counts. */
  @Test
  void testReplicaCalcScaleUpCMUnreadyHotCpuNoLessScaleAllCounted() {
    assertEquals(6, scenario(3).podsMetric(15, 50, 10, 30).proposal());
  }

  /**
   * TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown: Pods metric [50, 15, 30] (target 15), pods 0 and 2
   * unready. Upstream 7 (readiness ignored for Pods metrics: average 31.67, ratio 2.11 × 3 = 6.33). The engine uses
   * the one ready pod (15 = target, ratio 1, within tolerance) and holds 3.
   */
  @Test
  @Disabled("differs from HPA: the engine applies readiness to every per-replica metric; the HPA only to CPU "
      + "(upstream 7, engine 3)")
  void testReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown() {
    assertEquals(7, scenario(3).ready("FTF").podsMetric(15, 50, 15, 30).proposal());
  }

  @Test
  void testReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDownAllCounted() {
    assertEquals(7, scenario(3).podsMetric(15, 50, 15, 30).proposal());
  }

  /**
   * TestReplicaCalcScaleDownExcludeUnscheduledPods: 5 pods, one Running and ready at 10 % (target 50), four Pending
   * (unready, no metrics). Upstream 1: groupPods puts Pending pods with the unready ones (left out on a
   * scale-down) before it looks for metrics. The engine has no pod phase: an unready replica without a value is
   * "missing" and counted at the target on a scale-down ((10 + 4 × 50) / 5 = 42 %, 0.84 × 5 → 5).
   */
  @Test
  @Disabled("differs from HPA: the engine has no pod phase, so a Pending (unready, no metric) replica is missing, not "
      + "unready (upstream 1, engine 5)")
  void testReplicaCalcScaleDownExcludeUnscheduledPods() {
    assertEquals(1, scenario(5).ready("TFFFF").cpu(50, levels(100)).proposal());
  }

  /** The same case with the Pending pods left out by the caller, which is what the HPA does on a scale-down. */
  @Test
  void testReplicaCalcScaleDownExcludeUnscheduledPodsLeftOut() {
    assertEquals(1, scenario(5).pods(1).cpu(50, levels(100)).proposal());
  }

  /**
   * TestReplicaCalcComputedToleranceAlgImplementation with per-replica utilizations (150 m over requests 400, 200,
   * 310, 290, 302, 298, 301, 299, 300, 300 m). The HPA weighs by request (sum/sum = 50 %, ratio 50/56 = 0.89, outside
   * tolerance: 9). The engine has no requests and averages the percentages (51.26 %, ratio 0.915, within: 10).
   */
  @Test
  @Disabled("differs from HPA: per-replica Utilization is an unweighted mean of percentages; the HPA weighs by CPU "
      + "request (upstream 9, engine 10); the workload-wide form passes")
  void testReplicaCalcComputedToleranceAlgImplementationPerReplica() {
    Scenario s = scenario(10).cpu(56, levels(150, 150, 150, 150, 150, 150, 150, 150, 150, 150),
        0.4, 0.2, 0.31, 0.29, 0.302, 0.298, 0.301, 0.299, 0.3, 0.3);
    assertEquals(9, s.proposal());
  }
}
