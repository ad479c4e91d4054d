package dev.plimsoll.scaling;

import static dev.plimsoll.scaling.HpaPort.NOW;
import static dev.plimsoll.scaling.HpaPort.generateScalingRules;
import static dev.plimsoll.scaling.HpaPort.normalize;
import static dev.plimsoll.scaling.HpaPort.uniformEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of the HPA's behavior (rate-limit) tables to {@link HpaEngine}.
 *
 * <p>Upstream: kubernetes/kubernetes {@code pkg/controller/podautoscaler/horizontal_test.go} at commit
 * 003e86297d18a8538c9da3619871393f9703bf70 (the blob STYLE.md cites as [HPA] horizontal_test.go @003e862):
 * {@code TestScalingWithRules} (calls {@code convertDesiredReplicasWithBehaviorRate}),
 * {@code TestConvertDesiredReplicasWithRules} (the legacy, behavior-less {@code convertDesiredReplicasWithRules}),
 * {@code TestCalculateScaleUpLimitWithScalingRules}, {@code TestCalculateScaleDownLimitWithBehaviors} and the
 * {@code getReplicasChangePerPeriod(60, …)} half of {@code TestStoreScaleEvents}. Row names are upstream's
 * {@code name}/{@code annotation} strings; expectations are upstream's, unchanged.
 *
 * <p>Mapping: upstream feeds a "prenormalized desired replicas" number; here one Value metric proposes it (see
 * {@link HpaPort#normalize}) with no recommendation history, so stabilization leaves it as is and the rate
 * limits and bounds decide, as in {@code convertDesiredReplicasWithBehaviorRate}. Scale events come from
 * {@link HpaPort#uniformEvents}, the port of {@code generateEventsUniformDistribution}.
 */
class HpaScalingRulesPortTest {

  private static Arguments row(String name, int min, int max, ScalingRules up, ScalingRules down, List<History.ScaleEvent> upEvents,
      List<History.ScaleEvent> downEvents, int current, int prenormalized, int expected, String condition) {
    List<History.ScaleEvent> events = new ArrayList<>(upEvents);
    events.addAll(downEvents);
    return Arguments.of(name, min, max, up, down, events, current, prenormalized, expected, condition);
  }

  private static List<History.ScaleEvent> up(int periodSeconds, int... raw) {
    return uniformEvents(+1, periodSeconds, raw);
  }

  private static List<History.ScaleEvent> down(int periodSeconds, int... raw) {
    return uniformEvents(-1, periodSeconds, raw);
  }

  private static final List<History.ScaleEvent> NONE = List.of();

  /** horizontal_test.go TestScalingWithRules, every row (42). */
  static Stream<Arguments> testScalingWithRules() {
    return Stream.of(
        row("prenormalized desired replicas within range", 3, 8, null, null, NONE, NONE, 5, 7, 7, "DesiredWithinRange"),
        row("prenormalized desired replicas < minReplicas", 2, 8, null, null, NONE, NONE, 3, 1, 2, "TooFewReplicas"),
        // The row "prenormalized desired replicas within range when minReplicas is 0" (1 -> 0, min 0) is in
        // minReplicasZeroReason below: the count agrees, the reason does not.
        row("maxReplicas is the limit because maxReplicas < scaleUpLimit", 1, 10, null, null, NONE, NONE, 20, 1000, 10, "TooManyReplicas"),
        row("desired replica count is more than the maximum replica count", 100, 150, null, null, NONE, NONE, 100, 1000, 150,
            "TooManyReplicas"),
        row("scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies", 1, 2000, generateScalingRules(0, 0, 1, 60, 0),
            null, NONE, NONE, 3, 1000, 4, "ScaleUpLimit"),
        // Upstream marks this row testThis: true and its loop returns early on it, so upstream never checks it;
        // ported as written (1000 - 20 pods per 60 s = 980).
        row("scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies", 3, 2000, null,
            generateScalingRules(20, 60, 0, 0, 0), NONE, NONE, 1000, 3, 980, "ScaleDownLimit"),
        row("scaleUp with default behavior", 1, 1000, null, null, NONE, NONE, 10, 50, 20, "ScaleUpLimit"),
        row("scaleUp with pods policy larger than percent policy", 1, 1000, generateScalingRules(100, 60, 100, 60, 0), null, NONE, NONE,
            10, 500, 110, "ScaleUpLimit"),
        row("scaleUp with percent policy larger than pods policy", 1, 1000, generateScalingRules(2, 60, 100, 60, 0), null, NONE, NONE, 10,
            500, 20, "ScaleUpLimit"),
        row("scaleUp with spec MaxReplicas limitation with large pod policy", 1, 1000, generateScalingRules(100, 60, 0, 0, 0), null, NONE,
            NONE, 10, 50, 50, "DesiredWithinRange"),
        row("scaleUp with spec MaxReplicas limitation with large percent policy", 1, 1000, generateScalingRules(10000, 60, 0, 0, 0), null,
            NONE, NONE, 10, 50, 50, "DesiredWithinRange"),
        row("scaleUp with pod policy limitation", 1, 1000, generateScalingRules(30, 60, 0, 0, 0), null, NONE, NONE, 10, 50, 40,
            "ScaleUpLimit"),
        row("scaleUp with percent policy limitation", 1, 1000, generateScalingRules(0, 0, 200, 60, 0), null, NONE, NONE, 10, 50, 30,
            "ScaleUpLimit"),
        row("scaleDown with percent policy larger than pod policy", 1, 1000, null, generateScalingRules(20, 60, 1, 60, 300), NONE, NONE,
            100, 2, 80, "ScaleDownLimit"),
        row("scaleDown with pod policy larger than percent policy", 1, 1000, null, generateScalingRules(2, 60, 1, 60, 300), NONE, NONE,
            100, 2, 98, "ScaleDownLimit"),
        row("scaleDown with spec MinReplicas=nil limitation with large pod policy", 1, 1000, null, generateScalingRules(100, 60, 0, 0, 300),
            NONE, NONE, 10, 0, 1, "TooFewReplicas"),
        row("scaleDown with spec MinReplicas limitation with large pod policy", 1, 1000, null, generateScalingRules(100, 60, 0, 0, 300),
            NONE, NONE, 10, 0, 1, "TooFewReplicas"),
        row("scaleDown with spec MinReplicas limitation with large percent policy", 5, 1000, null,
            generateScalingRules(0, 0, 100, 60, 300), NONE, NONE, 10, 2, 5, "TooFewReplicas"),
        row("scaleDown with pod policy limitation", 1, 1000, null, generateScalingRules(5, 60, 0, 0, 300), NONE, NONE, 10, 2, 5,
            "ScaleDownLimit"),
        row("scaleDown with percent policy limitation", 1, 1000, null, generateScalingRules(0, 0, 50, 60, 300), NONE, NONE, 10, 5, 5,
            "DesiredWithinRange"),
        row("scaleUp with spec MaxReplicas limitation with large pod policy and events", 1, 200, generateScalingRules(300, 60, 0, 0, 0),
            null, up(120, 1, 5, 9), NONE, 100, 500, 200, "TooManyReplicas"),
        row("scaleUp with spec MaxReplicas limitation with large percent policy and events", 1, 200,
            generateScalingRules(0, 0, 10000, 60, 0), null, up(120, 1, 5, 9), NONE, 100, 500, 200, "TooManyReplicas"),
        row("scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events", 1, 1000,
            generateScalingRules(5, 120, 0, 0, 0), null, up(120, 1, 5, 9), NONE, 100, 500, 100, "ScaleUpLimit"),
        row("scaleUp with pod policy and previous scale up events", 1, 1000, generateScalingRules(150, 120, 0, 0, 0), null,
            up(120, 1, 5, 9), NONE, 100, 500, 235, "ScaleUpLimit"), // 100 - 15 + 150
        row("scaleUp with percent policy and previous scale up events", 1, 1000, generateScalingRules(0, 0, 200, 120, 0), null,
            up(120, 1, 5, 9), NONE, 100, 500, 255, "ScaleUpLimit"), // (100 - 15) + 200%
        row("scaleUp with percent policy and previous scale up and down events", 1, 1000, generateScalingRules(0, 0, 300, 300, 0), null,
            up(120, 4), down(120, 2), 6, 24, 16, "ScaleUpLimit"),
        row("scaleDown with default policy and previous events", 1, 1000, null, null, NONE, down(120, 1, 5, 9), 10, 5, 5,
            "DesiredWithinRange"),
        row("scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events", 1, 1000, null,
            generateScalingRules(115, 120, 0, 0, 300), NONE, down(120, 1, 5, 9), 100, 0, 1, "TooFewReplicas"),
        row("scaleDown with spec MinReplicas limitation with large pod policy and previous events", 5, 1000, null,
            generateScalingRules(130, 120, 0, 0, 300), NONE, down(120, 1, 5, 9), 100, 0, 5, "TooFewReplicas"),
        row("scaleDown with spec MinReplicas limitation with large percent policy and previous events", 5, 1000, null,
            generateScalingRules(0, 0, 100, 120, 300), NONE, down(120, 1, 5, 9), 100, 2, 5, "TooFewReplicas"),
        row("scaleDown with pod policy limitation and previous events", 1, 1000, null, generateScalingRules(5, 120, 0, 0, 300), NONE,
            down(120, 1, 5, 9), 100, 2, 100, "ScaleDownLimit"), // 100 + 15 - 5
        row("scaleDown with percent policy limitation and previous events", 1, 1000, null, generateScalingRules(0, 0, 50, 120, 300),
            NONE, down(120, 2, 4, 6), 100, 0, 56, "ScaleDownLimit"), // (100 + 12) - 50%
        row("scaleDown with percent policy and previous scale up and down events", 1, 1000, null, generateScalingRules(0, 0, 50, 180, 0),
            up(120, 2), down(120, 4), 10, 1, 6, "ScaleDownLimit"),
        row("scaleDown with previous events preventing further scale down", 1, 1000, null, generateScalingRules(0, 0, 10, 120, 300), NONE,
            down(120, 10, 10, 10), 100, 0, 100, "ScaleDownLimit"), // (100 + 30) - 10% = 117 > 100: keep 100
        row("scaleDown with with previous events still allowing more scale down", 1, 1000, null,
            generateScalingRules(0, 0, 1000, 120, 300), NONE, down(120, 10, 10, 10), 10, 5, 5, "DesiredWithinRange"),
        row("check 'outdated' flag for events for one behavior for up", 1, 1000, generateScalingRules(1000, 60, 0, 0, 0), null,
            up(120, 8, 12, 9, 11), NONE, 100, 200, 200, "DesiredWithinRange"),
        row("check that events were not marked 'outdated' for two different policies in the behavior for up", 1, 1000,
            generateScalingRules(1000, 120, 100, 60, 0), null, up(120, 8, 12, 9, 11), NONE, 100, 200, 200, "DesiredWithinRange"),
        row("check that events were marked 'outdated' for two different policies in the behavior for up", 1, 1000,
            generateScalingRules(1000, 30, 100, 60, 0), null, up(120, 8, 12, 9, 11), NONE, 100, 200, 200, "DesiredWithinRange"),
        row("check 'outdated' flag for events for one behavior for down", 1, 1000, null, generateScalingRules(1000, 60, 0, 0, 300), NONE,
            down(120, 8, 12, 9, 11), 100, 5, 5, "DesiredWithinRange"),
        row("check that events were not marked 'outdated' for two different policies in the behavior for down", 1, 1000, null,
            generateScalingRules(1000, 120, 100, 60, 300), NONE, down(120, 8, 12, 9, 11), 100, 5, 5, "DesiredWithinRange"),
        row("check that events were marked 'outdated' for two different policies in the behavior for down", 1, 1000, null,
            generateScalingRules(1000, 30, 100, 60, 300), NONE, down(120, 8, 12, 9, 11), 100, 5, 5, "DesiredWithinRange"));
  }

  @ParameterizedTest(name = "TestScalingWithRules: {0}")
  @MethodSource
  void testScalingWithRules(String name, int min, int max, ScalingRules up, ScalingRules down, List<History.ScaleEvent> events,
      int current, int prenormalized, int expected, String condition) {
    Evaluation e = normalize(min, max, up, down, current, prenormalized, events, List.of());
    assertEquals(expected, e.desiredReplicas(), "replicas");
    assertEquals(condition, e.reason().hpaName(), "condition");
  }

  /**
   * horizontal_test.go TestScalingWithRules "prenormalized desired replicas within range when minReplicas is 0":
   * current 1, desired 0, min 0, max 10: upstream 0 replicas; the count agrees.
   */
  @Test
  void minReplicasZeroCount() {
    Evaluation e = normalize(0, 10, null, null, 1, 0, List.of(), List.of());
    assertEquals(0, e.desiredReplicas());
  }

  /**
   * The same row's condition: upstream {@code DesiredWithinRange}; the engine says {@code Inactive}, its own
   * reason for going to zero with minReplicas 0 (KEDA-style activation, an addition the HPA does not have).
   */
  @Test
  @Disabled("differs from HPA: with minReplicas 0 the engine reports its own Inactive reason (activation below threshold), "
      + "where the HPA, which has no activation, reports DesiredWithinRange")
  void minReplicasZeroReason() {
    Evaluation e = normalize(0, 10, null, null, 1, 0, List.of(), List.of());
    assertEquals("DesiredWithinRange", e.reason().hpaName());
  }

  /**
   * horizontal_test.go TestConvertDesiredReplicasWithRules, rows 1-4 (the legacy conversion used when the HPA has no
   * behavior; these rows do not depend on its scale-up limit, so the engine's default behavior gives the same).
   */
  static Stream<Arguments> testConvertDesiredReplicasWithRules() {
    return Stream.of(
        Arguments.of("prenormalized desired replicas within range", 5, 7, 3, 8, 7, "DesiredWithinRange"),
        Arguments.of("prenormalized desired replicas < minReplicas", 3, 1, 2, 8, 2, "TooFewReplicas"),
        Arguments.of("maxReplicas is the limit because maxReplicas < scaleUpLimit", 20, 1000, 1, 10, 10, "TooManyReplicas"));
  }

  @ParameterizedTest(name = "TestConvertDesiredReplicasWithRules: {0}")
  @MethodSource
  void testConvertDesiredReplicasWithRules(String annotation, int current, int desired, int min, int max, int expected, String condition) {
    Evaluation e = normalize(min, max, null, null, current, desired, List.of(), List.of());
    assertEquals(expected, e.desiredReplicas());
    assertEquals(condition, e.reason().hpaName());
  }

  /** TestConvertDesiredReplicasWithRules "prenormalized desired zeroed replicas within range": 1 -> 0 with min 0. */
  @Test
  void convertDesiredZeroedReplicasWithinRangeCount() {
    assertEquals(0, normalize(0, 10, null, null, 1, 0, List.of(), List.of()).desiredReplicas());
  }

  /**
   * TestConvertDesiredReplicasWithRules "scaleUpLimit is the limit because scaleUpLimit < maxReplicas": current 3,
   * desired 1000, 1..2000, expected {@code calculateScaleUpLimit(3)} = max(scaleUpLimitFactor × 3,
   * scaleUpLimitMinimum) = max(8 × 3, 4) = 24 (horizontal_test.go's init() sets scaleUpLimitFactor = 8; it is 2.0
   * in production, giving 6) with reason ScaleUpLimit. The engine has no behavior-less path: a null scaleUp is the
   * autoscaling/v2 default behavior (4 pods or 100 % per 15 s), which allows 7.
   */
  @Test
  @Disabled("differs from HPA: the engine has no legacy behavior-less conversion (scaleUpLimitFactor × current, at least "
      + "scaleUpLimitMinimum); a null scaleUp means the v2 default behavior, which allows 7 here, not 24")
  void convertScaleUpLimitLegacy() {
    Evaluation e = normalize(1, 2000, null, null, 3, 1000, List.of(), List.of());
    assertEquals(24, e.desiredReplicas());
    assertEquals("ScaleUpLimit", e.reason().hpaName());
  }

  /** The same row with the test's legacy limit (factor 8) written as the equivalent behavior: Percent 700. */
  @Test
  void convertScaleUpLimitLegacyAsPolicy() {
    Evaluation e = normalize(1, 2000, generateScalingRules(0, 0, 700, 15, 0), null, 3, 1000, List.of(), List.of());
    assertEquals(24, e.desiredReplicas());
    assertEquals("ScaleUpLimit", e.reason().hpaName());
  }

  private static HpaEngine.Request bare(int current, List<History.ScaleEvent> events) {
    ScalingSpec spec = new ScalingSpec(1, 1000, List.of(new MetricSpec("m", TargetType.VALUE, 1)), null, null);
    return new HpaEngine.Request(spec, current, List.of(), Map.of(), List.of(), events, NOW);
  }

  /** horizontal_test.go TestCalculateScaleUpLimitWithScalingRules: 1 replica, Min of 2 pods / 50 % per 60 s: 2. */
  @Test
  void testCalculateScaleUpLimitWithScalingRules() {
    ScalingRules rules = new ScalingRules(300, SelectPolicy.MIN, List.of(ScalingPolicy.pods(2, 60), ScalingPolicy.percent(50, 60)), 0.1);
    assertEquals(2, HpaEngine.scaleUpLimit(1, bare(1, List.of()), rules));
  }

  /** horizontal_test.go TestCalculateScaleDownLimitWithBehaviors: 5 replicas, Min of 2 pods / 50 % per 60 s: 3. */
  @Test
  void testCalculateScaleDownLimitWithBehaviors() {
    ScalingRules rules = new ScalingRules(300, SelectPolicy.MIN, List.of(ScalingPolicy.pods(2, 60), ScalingPolicy.percent(50, 60)), 0.1);
    assertEquals(3, HpaEngine.scaleDownLimit(5, bare(5, List.of()), rules));
  }

  /**
   * horizontal_test.go TestStoreScaleEvents: the {@code getReplicasChangePerPeriod(60, prevScaleEvents)} assertion
   * of every row, for scale-up and scale-down events (upstream checks both). The engine's change count is private,
   * so it is read through a single Pods policy of period 60: up limit = current - added + 1, down limit = current
   * + deleted - 1. (The rest of that test is the controller's in-memory bookkeeping of stored/outdated events,
   * which the engine leaves to its caller.)
   */
  static Stream<Arguments> testStoreScaleEvents() {
    return Stream.of(
        Arguments.of("empty entries with default behavior", new int[] {}, new int[] {}, 0),
        Arguments.of("empty entries with two-policy-behavior", new int[] {}, new int[] {}, 0),
        Arguments.of("one outdated entry to be kept untouched without behavior", new int[] {7}, new int[] {61}, 0),
        Arguments.of("one outdated entry to be replaced with behavior", new int[] {7}, new int[] {61}, 0),
        Arguments.of("one actual entry to be not touched with behavior", new int[] {7}, new int[] {58}, 7),
        Arguments.of("two entries, one of them to be replaced", new int[] {7, 6}, new int[] {61, 59}, 6),
        Arguments.of("replace one entry, use policies with different periods", new int[] {8, 6, 7, 9}, new int[] {29, 59, 61, 61}, 14),
        Arguments.of("two entries, both actual", new int[] {7, 6}, new int[] {58, 59}, 13));
  }

  @ParameterizedTest(name = "TestStoreScaleEvents getReplicasChangePerPeriod: {0}")
  @MethodSource
  void testStoreScaleEvents(String name, int[] changes, int[] secondsAgo, int expectedChange) {
    List<History.ScaleEvent> ups = new ArrayList<>();
    List<History.ScaleEvent> downs = new ArrayList<>();
    for (int i = 0; i < changes.length; i++) {
      ups.add(new History.ScaleEvent(NOW.minusSeconds(secondsAgo[i]), changes[i]));
      downs.add(new History.ScaleEvent(NOW.minusSeconds(secondsAgo[i]), -changes[i]));
    }
    ScalingRules onePodPer60s = new ScalingRules(0, SelectPolicy.MAX, List.of(ScalingPolicy.pods(1, 60)), 0.1);
    int current = 100;
    assertEquals(expectedChange, current + 1 - HpaEngine.scaleUpLimit(current, bare(current, ups), onePodPer60s), "up");
    assertEquals(expectedChange, HpaEngine.scaleDownLimit(current, bare(current, downs), onePodPer60s) - current + 1, "down");
  }
}
