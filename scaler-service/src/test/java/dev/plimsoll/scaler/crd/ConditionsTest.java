package dev.plimsoll.scaler.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.scaler.crd.Conditions.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Condition merging as controllers do it, and the HPA's conditions for a decision. */
class ConditionsTest {
  private static final Instant T1 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-28T10:05:00Z");

  @Test
  void aConditionKeepsItsTransitionTimeWhileItsStatusStays() {
    List<Map<String, Object>> first = Conditions.merge(null, List.of(new Condition("Ready", true, "Accepted", "ok")), T1, 3L);
    assertEquals(T1.toString(), first.get(0).get("lastTransitionTime"));
    assertEquals(3L, first.get(0).get("observedGeneration"));
    List<Map<String, Object>> same = Conditions.merge(first, List.of(new Condition("Ready", true, "Accepted", "still ok")), T2, 4L);
    assertEquals(T1.toString(), same.get(0).get("lastTransitionTime"));
    assertEquals("still ok", same.get(0).get("message"));
    List<Map<String, Object>> flipped = Conditions.merge(same, List.of(new Condition("Ready", false, "InvalidSpec", "bad")), T2, 5L);
    assertEquals(T2.toString(), flipped.get(0).get("lastTransitionTime"));
    assertEquals("False", flipped.get(0).get("status"));
  }

  @Test
  void otherConditionsAreKeptAndNewOnesAppended() {
    List<Map<String, Object>> ready = Conditions.merge(null, List.of(new Condition("Ready", true, "Accepted", "")), T1, null);
    List<Map<String, Object>> both = Conditions.merge(ready, List.of(new Condition("AbleToScale", true, "SucceededRescale", "")), T2, null);
    assertEquals(List.of("Ready", "AbleToScale"), both.stream().map(c -> c.get("type")).toList());
    assertFalse(both.get(1).containsKey("observedGeneration"));
    assertFalse(Conditions.changes(both, List.of(new Condition("Ready", true, "Accepted", ""))));
    assertTrue(Conditions.changes(both, List.of(new Condition("Ready", true, "Accepted", "new message"))));
  }

  @ParameterizedTest(name = "{0}/{1} rescaled={3} error={4}: AbleToScale {5} {6}, ScalingActive {7}, ScalingLimited {8} {9}")
  @CsvSource(nullValues = "-", value = {
      "DesiredWithinRange, DesiredWithinRange, ReadyForNewScale, true, -, True, SucceededRescale, True, False, DesiredWithinRange",
      "DesiredWithinRange, DesiredWithinRange, ScaleDownStabilized, false, -, True, ScaleDownStabilized, True, False, DesiredWithinRange",
      "ScaleUpLimit, ScaleUpLimit, ReadyForNewScale, true, -, True, SucceededRescale, True, True, ScaleUpLimit",
      "GpuCapacityLimited, DesiredWithinRange, ReadyForNewScale, false, -, True, ReadyForNewScale, True, True, GpuCapacityLimited",
      "InvalidMetrics, InvalidMetrics, -, false, -, True, ReadyForNewScale, False, False, DesiredWithinRange",
      "ScalingDisabled, ScalingDisabled, -, false, -, True, ReadyForNewScale, False, False, DesiredWithinRange",
      "DesiredWithinRange, DesiredWithinRange, ReadyForNewScale, false, HTTP 503, False, FailedUpdateScale, True, False, DesiredWithinRange",
      "FailedGetScale, -, -, false, does not exist, False, FailedGetScale, False, False, DesiredWithinRange"})
  void theHpasConditionsForADecision(String reason, String engineReason, String stabilization, boolean rescaled, String error,
      String able, String ableReason, String active, String limited, String limitedReason) {
    List<Condition> c = DecisionConditions.of(new DecisionConditions.Summary(reason, engineReason, stabilization, rescaled, error, false, "m"));
    assertEquals(List.of("AbleToScale", "ScalingActive", "ScalingLimited", "Fallback"), c.stream().map(Condition::type).toList());
    assertEquals(Boolean.parseBoolean(able), c.get(0).status());
    assertEquals(ableReason, c.get(0).reason());
    assertEquals(Boolean.parseBoolean(active), c.get(1).status());
    assertEquals(Boolean.parseBoolean(limited), c.get(2).status());
    assertEquals(limitedReason, c.get(2).reason());
    assertFalse(c.get(3).status());
  }

  @Test
  void aVerdictAlreadyInTheStatusIsNotWrittenAgain() {
    Condition ready = new Condition("Ready", true, "Accepted", "policy 3 version 1 scales x");
    dev.plimsoll.scaler.policy.PolicyEntity policy = new dev.plimsoll.scaler.policy.PolicyEntity() {
      @Override
      public Long getId() {
        return 3L;
      }

      @Override
      public long getVersion() {
        return 1;
      }
    };
    Map<String, Object> status = Map.of("conditions", Conditions.merge(null, List.of(ready), T1, 2L), "observedGeneration", 2,
        "policyId", 3, "policyVersion", 1);
    assertTrue(ScalingPolicyWatcher.unchanged(status, ready, 2L, policy));
    assertFalse(ScalingPolicyWatcher.unchanged(status, ready, 3L, policy)); // a newer generation
    assertFalse(ScalingPolicyWatcher.unchanged(status, new Condition("Ready", false, "InvalidSpec", "bad"), 2L, null));
    assertFalse(ScalingPolicyWatcher.unchanged(Map.of(), ready, 2L, policy));
  }
}
