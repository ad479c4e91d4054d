package dev.plimsoll.scaler.decision;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.scaler.decision.ScaleDecision.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain JUnit: the scaler's decisions through the scaling engine ({@link EngineDecider} over
 * {@code HpaEngine}); no container is started. Rows named {@code TestReplicaCalc...} take
 * their numbers from the HPA's replica_calculator_test.go (kubernetes/kubernetes pkg/controller/podautoscaler;
 * its milli-values written as decimals, e.g. 8600m = 8.6); {@code ConvertDesiredReplicasWithRules} rows mirror
 * horizontal_test.go {@code TestConvertDesiredReplicasWithRules}. Expectations are computed by hand in the comments.
 */
class EngineDeciderTest {

  private static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      # case                                                    | type         | value  | target | cur | min | max | tol | ratio   | raw  | withinTol | desired | reason
      # 8.6/4.4 = 1.9545; ceil(1.9545 x 1) = 2
      TestReplicaCalcScaleUpCMExternal                          | VALUE        | 8.6    | 4.4    |   1 |   1 |  10 | 0.1 | 1.9545  |    2 | false     |       2 | DESIRED_WITHIN_RANGE
      # 8.6/(2.15 x 3) = 1.3333; ceil(8.6/2.15) = 4
      TestReplicaCalcScaleUpPerPodCMExternal                    | AVERAGE_VALUE| 8.6    | 2.15   |   3 |   1 |  10 | 0.1 | 1.3333  |    4 | false     |       4 | DESIRED_WITHIN_RANGE
      # 8.6/14.334 = 0.59997; ceil(0.59997 x 5) = ceil(2.99986) = 3
      TestReplicaCalcScaleDownCMExternal                        | VALUE        | 8.6    | 14.334 |   5 |   1 |  10 | 0.1 | 0.6     |    3 | false     |       3 | DESIRED_WITHIN_RANGE
      # 8.6/(2.867 x 5) = 0.59993; ceil(8.6/2.867) = ceil(2.9996) = 3
      TestReplicaCalcScaleDownPerPodCMExternal                  | AVERAGE_VALUE| 8.6    | 2.867  |   5 |   1 |  10 | 0.1 | 0.5999  |    3 | false     |       3 | DESIRED_WITHIN_RANGE
      # 8.6/8.888 = 0.9676, |1 - 0.9676| <= 0.1: keep 3
      TestReplicaCalcToleranceCMExternal                        | VALUE        | 8.6    | 8.888  |   3 |   1 |  10 | 0.1 | 0.9676  |    3 | true      |       3 | DESIRED_WITHIN_RANGE
      # 8.6/(2.9 x 3) = 0.9885: keep 3
      TestReplicaCalcTolerancePerPodCMExternal                  | AVERAGE_VALUE| 8.6    | 2.9    |   3 |   1 |  10 | 0.1 | 0.9885  |    3 | true      |       3 | DESIRED_WITHIN_RANGE
      # 20/15 = 1.3333; ceil(1.3333 x 3) = 4
      TestReplicaCalcScaleUpCMObject                            | VALUE        | 20     | 15     |   3 |   1 |  10 | 0.1 | 1.3333  |    4 | false     |       4 | DESIRED_WITHIN_RANGE
      # 20/(5 x 3) = 1.3333; ceil(20/5) = 4
      TestReplicaCalcScaleUpCMPerPodObject                      | AVERAGE_VALUE| 20     | 5      |   3 |   1 |  10 | 0.1 | 1.3333  |    4 | false     |       4 | DESIRED_WITHIN_RANGE
      # 12/20 = 0.6; ceil(0.6 x 5) = 3
      TestReplicaCalcScaleDownCMObject                          | VALUE        | 12     | 20     |   5 |   1 |  10 | 0.1 | 0.6     |    3 | false     |       3 | DESIRED_WITHIN_RANGE
      # 6/(2 x 5) = 0.6; ceil(6/2) = 3
      TestReplicaCalcScaleDownPerPodCMObject                    | AVERAGE_VALUE| 6      | 2      |   5 |   1 |  10 | 0.1 | 0.6     |    3 | false     |       3 | DESIRED_WITHIN_RANGE
      # 20.666/20 = 1.0333: keep 3 although the raw proposal is ceil(3.0999) = 4
      TestReplicaCalcToleranceCMObject                          | VALUE        | 20.666 | 20     |   3 |   1 |  10 | 0.1 | 1.0333  |    4 | true      |       3 | DESIRED_WITHIN_RANGE
      # 20.166/(5 x 4) = 1.0083: keep 4 although ceil(20.166/5) = 5
      TestReplicaCalcTolerancePerPodCMObject                    | AVERAGE_VALUE| 20.166 | 5      |   4 |   1 |  10 | 0.1 | 1.0083  |    5 | true      |       4 | DESIRED_WITHIN_RANGE
      # the walking skeleton's example: 22/(5 x 2) = 2.2; ceil(22/5) = 5
      queue of 22 on 2 replicas at 5 per replica                | AVERAGE_VALUE| 22     | 5      |   2 |   1 |   8 | 0.1 | 2.2     |    5 | false     |       5 | DESIRED_WITHIN_RANGE
      # 11/(5 x 2) = 1.1 exactly on the tolerance edge: kept (|1 - ratio| <= tolerance)
      ratio on the tolerance edge keeps the count               | AVERAGE_VALUE| 11     | 5      |   2 |   1 |   8 | 0.1 | 1.1     |    3 | true      |       2 | DESIRED_WITHIN_RANGE
      # 11.1/(5 x 2) = 1.11; ceil(11.1/5) = ceil(2.22) = 3
      ratio just past the tolerance scales                      | AVERAGE_VALUE| 11.1   | 5      |   2 |   1 |   8 | 0.1 | 1.11    |    3 | false     |       3 | DESIRED_WITHIN_RANGE
      # tolerance 0: 10.5/(5 x 2) = 1.05 scales; ceil(2.1) = 3
      zero tolerance scales on any deviation                    | AVERAGE_VALUE| 10.5   | 5      |   2 |   1 |   8 | 0   | 1.05    |    3 | false     |       3 | DESIRED_WITHIN_RANGE
      # 2.1/(0.7 x 2) = 1.5; 2.1/0.7 is 3.0000000000000004 in doubles, 3 in the HPA's milli-units: ceil must say 3
      floating-point noise does not add a replica               | AVERAGE_VALUE| 2.1    | 0.7    |   2 |   1 |  20 | 0.1 | 1.5     |    3 | false     |       3 | DESIRED_WITHIN_RANGE
      # current 0: no tolerance; AverageValue proposes ceil(22/5) = 5, but the HPA's default scale-up rate allows 0 + 4 pods per 15 s
      scale from zero on AverageValue                           | AVERAGE_VALUE| 22     | 5      |   0 |   0 |   8 | 0.1 | 4.4     |    5 | false     |       4 | SCALE_UP_LIMIT
      # current 0: Value proposes ceil(0.5/1) = 1
      scale from zero on Value                                  | VALUE        | 0.5    | 1      |   0 |   0 |   8 | 0.1 | 0.5     |    1 | false     |       1 | DESIRED_WITHIN_RANGE
      # current 0, nothing to do: ceil(0/5) = 0, min 0 allows it
      stay at zero without load                                 | AVERAGE_VALUE| 0      | 5      |   0 |   0 |   8 | 0.1 | 0       |    0 | false     |       0 | DESIRED_WITHIN_RANGE
      # 0/(5 x 3) = 0; ceil(0) = 0, min 0 allows scale to zero
      idle workload scales to zero when min is 0                | AVERAGE_VALUE| 0      | 5      |   3 |   0 |   8 | 0.1 | 0       |    0 | false     |       0 | DESIRED_WITHIN_RANGE
      # ConvertDesiredReplicasWithRules "prenormalized desired replicas < minReplicas": 1/(5 x 3) = 0.0667; ceil(0.2) = 1 < min 2
      below minReplicas is raised to it                         | AVERAGE_VALUE| 1      | 5      |   3 |   2 |   8 | 0.1 | 0.0667  |    1 | false     |       2 | TOO_FEW_REPLICAS
      # reconcileAutoscaler: current above maxReplicas goes to max before any metric is computed
      above maxReplicas is lowered to it                        | AVERAGE_VALUE| 1000   | 1      |  20 |   1 |  10 | 0.1 | null    |   20 | false     |      10 | TOO_MANY_REPLICAS
      manual over-scale is brought back to max                  | AVERAGE_VALUE| 60     | 5      |  12 |   1 |  10 | 0.1 | null    |   12 | false     |      10 | TOO_MANY_REPLICAS
      # reconcileAutoscaler: current below minReplicas goes to min before any metric is computed
      manual under-scale is brought back to min                 | AVERAGE_VALUE| 5      | 5      |   1 |   2 |  10 | 0.1 | null    |    1 | false     |       2 | TOO_FEW_REPLICAS
      # missing data never scales, not even up to min
      missing metric keeps the count                            | AVERAGE_VALUE| null   | 5      |   4 |   1 |  10 | 0.1 | null    |    4 | false     |       4 | METRIC_UNAVAILABLE
      NaN metric keeps the count                                | AVERAGE_VALUE| NaN    | 5      |   4 |   1 |  10 | 0.1 | null    |    4 | false     |       4 | METRIC_UNAVAILABLE
      infinite metric keeps the count                           | VALUE        | Infinity | 5    |   4 |   1 |  10 | 0.1 | null    |    4 | false     |       4 | METRIC_UNAVAILABLE
      negative metric keeps the count                           | VALUE        | -3     | 5      |   4 |   1 |  10 | 0.1 | null    |    4 | false     |       4 | METRIC_UNAVAILABLE
      # reconcileAutoscaler: 0 replicas while minReplicas > 0 is the HPA's maintenance mode, ScalingDisabled
      zero replicas with min above zero is left alone           | AVERAGE_VALUE| null   | 5      |   0 |   1 |  10 | 0.1 | null    |    0 | false     |       0 | SCALING_DISABLED
      """)
  void decide(String name, TargetType type, Double value, double target, int current, int min, int max, double tolerance,
      Double ratio, int raw, boolean withinTolerance, int desired, Reason reason) {
    var policy = new DecisionPolicy("queue_depth", type, target, min, max, tolerance, Duration.ofMinutes(5));
    var decider = new EngineDecider();

    ScaleDecision d = decider.decide(policy, current, value, NOW);

    assertAll(name,
        () -> assertEquals(current, d.currentReplicas(), "current"),
        () -> {
          if (ratio == null) {
            assertNull(d.usageRatio(), "usage ratio");
          } else {
            assertEquals(ratio, d.usageRatio(), 1e-4, "usage ratio");
          }
        },
        () -> assertEquals(withinTolerance ? current : raw, d.recommendation(), "recommendation (the engine applies the tolerance)"),
        () -> assertEquals(desired, d.desiredReplicas(), "desired"),
        () -> assertEquals(reason, d.reason(), "reason"),
        () -> assertEquals(desired != current, d.rescale(), "rescale"),
        () -> assertTrue(d.message().startsWith("queue_depth "), d.message()),
        () -> assertEquals(reason == Reason.METRIC_UNAVAILABLE || current > max || current < min ? 0 : 1, decider.remembered(),
            "only usable metrics within bounds leave a recommendation"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | reason                | label
      within range                            | DESIRED_WITHIN_RANGE  | DesiredWithinRange
      raised to min                           | TOO_FEW_REPLICAS      | TooFewReplicas
      lowered to max                          | TOO_MANY_REPLICAS     | TooManyReplicas
      no usable metric                        | METRIC_UNAVAILABLE    | MetricUnavailable
      """)
  void reasonsAreSpelledAsInTheHpa(String name, Reason reason, String label) {
    assertEquals(label, reason.label());
  }

  /**
   * A queue drains: the scale-down is held at the highest recommendation of the last 5 minutes (a
   * recommendation exactly as old as the window no longer counts: the HPA keeps those strictly after the
   * cut-off), then released (HPA "ScaleDownStabilized"); a new spike scales up at the default rate
   * (+4 replicas or +100 % per 15 s, counting the changes already made in the period). Each step: seconds since start, metric, expected
   * stabilized and desired counts. The current count follows the desired one, as after a successful scale call.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                         | window | steps (t s : queue -> desired)
      spike then drain waits for the window          | 300    | 0:40->8, 60:10->8, 299:10->8, 300:10->2, 302:60->10, 400:5->10
      no window scales down at once, up at the rate  | 0      | 0:40->8, 1:10->2, 2:0->1, 3:60->8
      short window                                   | 30     | 0:40->8, 10:10->8, 31:10->2
      """)
  void scaleDownIsStabilized(String name, int windowSeconds, String steps) {
    var policy = new DecisionPolicy("queue_depth", TargetType.AVERAGE_VALUE, 5, 1, 10, 0.1, Duration.ofSeconds(windowSeconds));
    var decider = new EngineDecider();
    int current = 4; // from 4, the HPA's default scale-up rate allows 8 at once
    for (String step : steps.split(",")) {
      String[] parts = step.trim().split("[:>]|->");
      long t = Long.parseLong(parts[0]);
      double queue = Double.parseDouble(parts[1]);
      int expected = Integer.parseInt(parts[2]);
      ScaleDecision d = decider.decide(policy, current, queue, NOW.plusSeconds(t));
      assertEquals(expected, d.desiredReplicas(), name + " at t=" + t + ": " + d.message());
      decider.scaled(current, d.desiredReplicas(), NOW.plusSeconds(t));
      current = d.desiredReplicas();
    }
  }

  @Test
  void messageTellsEveryStep() {
    var policy = new DecisionPolicy("queue_depth", TargetType.AVERAGE_VALUE, 5, 1, 8, 0.1, Duration.ofMinutes(5));
    ScaleDecision d = new EngineDecider().decide(policy, 2, 22.0, NOW);
    assertEquals("queue_depth 22.0, usage ratio 2.200, proposal 5; the desired count is within the acceptable range "
        + "(DesiredWithinRange): 2 -> 5", d.message());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                          | target | min | max | tolerance | window s
      zero target                     | 0      |  1  |  5  | 0.1       | 300
      negative target                 | -1     |  1  |  5  | 0.1       | 300
      NaN target                      | NaN    |  1  |  5  | 0.1       | 300
      negative min                    | 5      | -1  |  5  | 0.1       | 300
      max zero                        | 5      |  0  |  0  | 0.1       | 300
      min above max                   | 5      |  6  |  5  | 0.1       | 300
      tolerance 1                     | 5      |  1  |  5  | 1.0       | 300
      negative tolerance              | 5      |  1  |  5  | -0.1      | 300
      negative window                 | 5      |  1  |  5  | 0.1       | -1
      """)
  void policyRejectsWhatTheApiRejects(String name, double target, int min, int max, double tolerance, long window) {
    assertThrows(IllegalArgumentException.class,
        () -> new DecisionPolicy("queue_depth", TargetType.VALUE, target, min, max, tolerance, Duration.ofSeconds(window)), name);
  }

  @Test
  void targetTypesUseTheHpaSpelling() {
    assertEquals(List.of("Value", "AverageValue"), List.of(TargetType.VALUE.label(), TargetType.AVERAGE_VALUE.label()));
    assertEquals(TargetType.AVERAGE_VALUE, TargetType.fromLabel("AverageValue").orElseThrow());
    assertTrue(TargetType.fromLabel("averagevalue").isEmpty());
  }
}
