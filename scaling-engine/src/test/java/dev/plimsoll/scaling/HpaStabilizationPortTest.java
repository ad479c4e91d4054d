package dev.plimsoll.scaling;

import static dev.plimsoll.scaling.HpaPort.normalize;
import static dev.plimsoll.scaling.HpaPort.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of the HPA's stabilization-window tables to {@link HpaEngine}.
 *
 * <p>Upstream: kubernetes/kubernetes {@code pkg/controller/podautoscaler/horizontal_test.go} at commit
 * 003e86297d18a8538c9da3619871393f9703bf70: {@code TestNormalizeDesiredReplicasWithBehavior} (calls
 * {@code stabilizeRecommendationWithBehaviors}) and {@code TestNormalizeDesiredReplicas} (the legacy
 * {@code stabilizeRecommendation}, a 5-minute rolling maximum). Row names are upstream's; expected stabilized
 * counts are upstream's, unchanged.
 *
 * <p>Mapping: the prenormalized count comes from one Value metric ({@link HpaPort#normalize}); upstream's
 * {@code now.Add(-2 * time.Minute)} is {@code rec(n, 120)}; the stabilized count is
 * {@link Evaluation#stabilized()}. Upstream also checks how the controller reuses slots of its in-memory
 * recommendation log; the engine keeps no log (the caller stores {@link Evaluation#record()}), so only the
 * newest entry is checked: the record is the unstabilized recommendation at "now", as upstream appends it.
 */
class HpaStabilizationPortTest {

  private static ScalingRules window(int seconds) {
    return new ScalingRules(seconds, SelectPolicy.MAX, ScalingRules.DEFAULT_SCALE_UP.policies(), ScalingRules.DEFAULT_TOLERANCE);
  }

  /** horizontal_test.go TestNormalizeDesiredReplicasWithBehavior, every row (11). Windows default to 0 there. */
  static Stream<Arguments> testNormalizeDesiredReplicasWithBehavior() {
    return Stream.of(
        Arguments.of("empty recommendations for scaling down", List.of(), 100, 5, 5, 0, 0),
        Arguments.of("simple scale down stabilization", List.of(rec(4, 120), rec(5, 60)), 100, 3, 5, 0, 180),
        Arguments.of("simple scale up stabilization", List.of(rec(4, 120), rec(5, 60)), 1, 7, 4, 300, 0),
        Arguments.of("no scale down stabilization", List.of(rec(1, 120), rec(2, 60)), 100, 3, 3, 300, 0),
        Arguments.of("no scale up stabilization", List.of(rec(4, 120), rec(5, 60)), 1, 3, 3, 0, 300),
        Arguments.of("no scale down stabilization, reuse recommendation element", List.of(rec(10, 600), rec(9, 540)), 100, 3, 3, 0, 0),
        Arguments.of("no scale up stabilization, reuse recommendation element", List.of(rec(10, 600), rec(9, 540)), 1, 100, 100, 0, 0),
        Arguments.of("scale down stabilization, reuse one of obsolete recommendation element",
            List.of(rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)), 100, 3, 5, 0, 180),
        Arguments.of("scale up stabilization, reuse one of obsolete recommendation element",
            List.of(rec(10, 6000), rec(6, 60), rec(5, 120), rec(9, 180)), 1, 100, 5, 300, 0),
        Arguments.of("scale up and down stabilization, do not scale up when prenormalized rec goes down",
            List.of(rec(2, 6000), rec(3, 180)), 2, 1, 2, 300, 300),
        Arguments.of("scale up and down stabilization, do not scale down when prenormalized rec goes up",
            List.of(rec(2, 6000), rec(1, 180)), 2, 3, 2, 300, 300));
  }

  @ParameterizedTest(name = "TestNormalizeDesiredReplicasWithBehavior: {0}")
  @MethodSource
  void testNormalizeDesiredReplicasWithBehavior(String name, List<History.Recommendation> recommendations, int current,
      int prenormalized, int expectedStabilized, int upWindow, int downWindow) {
    Evaluation e = normalize(1, 1000, window(upWindow), window(downWindow), current, prenormalized, List.of(), recommendations);
    assertEquals(expectedStabilized, e.stabilized(), "stabilized replicas");
    assertEquals(prenormalized, e.record().replicas(), "the recommendation recorded is the unstabilized one");
    assertEquals(HpaPort.NOW, e.record().at());
  }

  /**
   * horizontal_test.go TestNormalizeDesiredReplicas (legacy {@code stabilizeRecommendation}, window 5 min), every row
   * (5). Legacy stabilization has no current count: it returns max(prenormalized, recent recommendations). The
   * engine clamps the current count between the up and down limits, which equals that maximum whenever the current
   * count is at least as high, so the rows run with current 20 (above every value in the table), up window 0 and
   * down window 300, as the legacy controller.
   */
  static Stream<Arguments> testNormalizeDesiredReplicas() {
    return Stream.of(
        Arguments.of("empty log", List.of(), 5, 5),
        Arguments.of("stabilize", List.of(rec(4, 120), rec(5, 60)), 3, 5),
        Arguments.of("no stabilize", List.of(rec(1, 120), rec(2, 60)), 3, 3),
        Arguments.of("no stabilize - old recommendations", List.of(rec(10, 600), rec(9, 540)), 3, 3),
        Arguments.of("stabilize - old recommendations", List.of(rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)), 3, 5));
  }

  @ParameterizedTest(name = "TestNormalizeDesiredReplicas: {0}")
  @MethodSource
  void testNormalizeDesiredReplicas(String name, List<History.Recommendation> recommendations, int prenormalized, int expected) {
    Evaluation e = normalize(1, 1000, window(0), window(300), 20, prenormalized, List.of(), recommendations);
    assertEquals(expected, e.stabilized());
  }
}
