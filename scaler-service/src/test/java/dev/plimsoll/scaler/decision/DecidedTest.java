package dev.plimsoll.scaler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.MetricInput;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.ScalingSpec;
import dev.plimsoll.scaling.TargetType;
import dev.plimsoll.scaling.WorkloadScaler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GPU cap, the dry-run marking and the deciding metric, on a real policy decision. */
class DecidedTest {
  private static final ScalingSpec SPEC = new ScalingSpec(1, 20, List.of(new MetricSpec("queue_depth", TargetType.AVERAGE_VALUE, 5),
      new MetricSpec("kv_cache_usage", TargetType.VALUE, 0.8)), null, null);

  private static Decided decide(int current, double queue, double kv) {
    return Decided.of(new WorkloadScaler().evaluate(AutoscalingPolicy.of(SPEC), current, List.of(),
        Map.of("queue_depth", MetricInput.total(queue), "kv_cache_usage", MetricInput.total(kv)), Instant.EPOCH));
  }

  @ParameterizedTest(name = "{0} replicas, queue {1}, headroom {2}: {3} {4}")
  @CsvSource(nullValues = "-", value = {
      "2, 20, -, 4, DesiredWithinRange",       // unknown headroom: as decided
      "2, 20, 5, 4, DesiredWithinRange",       // enough room
      "2, 20, 1, 3, GpuCapacityLimited",       // one more fits
      "2, 20, 0, 2, GpuCapacityLimited",       // none fits
      "4, 5, 0, 1, DesiredWithinRange"})       // a scale-down is never capped
  void gpuCap(int current, double queue, Integer headroom, int desired, String reason) {
    Decided d = decide(current, queue, 0.1).cappedTo(headroom == null ? OptionalInt.empty() : OptionalInt.of(headroom));
    assertEquals(desired, d.desiredReplicas(), d.message());
    assertEquals(reason, d.reason());
  }

  @ParameterizedTest(name = "queue {0}, kv {1}: {2} decides")
  @CsvSource({"40, 0.1, queue_depth", "5, 3.0, kv_cache_usage"})
  void theHighestProposalDecides(double queue, double kv, String metric) {
    assertEquals(metric, decide(2, queue, kv).decidingMetric().name());
  }

  @ParameterizedTest(name = "dry run of queue {0}")
  @CsvSource({"40, true", "10, false"})
  void aDryRunIsMarkedOnlyWhenItWouldScale(double queue, boolean marked) {
    Decided d = decide(2, queue, 0.1).dryRun();
    assertEquals(marked, d.message().startsWith("dry-run, not applied: "));
    assertTrue(d.message().length() > 20);
  }
}
