package dev.plimsoll.scaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.Fallback;
import dev.plimsoll.scaling.Panic;
import dev.plimsoll.scaling.Predictive;
import dev.plimsoll.scaling.ScalingPolicy;
import dev.plimsoll.scaling.ScalingRules;
import dev.plimsoll.scaling.ScalingSpec;
import dev.plimsoll.scaling.SelectPolicy;
import dev.plimsoll.scaling.TargetType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy JSON into the engine's policy: HPA and KEDA shapes, defaults, quantities, layers, and every field error at its path. */
class PolicyDocumentsTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anHpaSpecPortsByCopyWithTheHpaDefaults() throws Exception {
    // The spec of a real HorizontalPodAutoscaler (External and Pods metrics), pasted with a namespace added.
    PolicyDocuments.Result r = map("""
        {"namespace": "llm",
         "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "vllm-8b"},
         "maxReplicas": 10,
         "metrics": [{"type": "External", "external": {"metric": {"name": "queue_depth"},
                                                        "target": {"type": "AverageValue", "averageValue": "500m"}}},
                     {"type": "Pods", "pods": {"metric": {"name": "kv_cache_usage"},
                                               "target": {"type": "AverageValue", "averageValue": "800m"}}}],
         "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60, "policies": [{"type": "Pods", "value": 1, "periodSeconds": 30}]}}}
        """);
    assertEquals(List.of(), r.errors());
    assertEquals("kubernetes/llm/Deployment/vllm-8b", r.workload());
    assertEquals(PolicyMode.ENFORCE, r.mode());
    ScalingSpec spec = r.policy().spec();
    assertEquals(1, spec.minReplicas());
    assertEquals(10, spec.maxReplicas());
    assertEquals("queue_depth", spec.metrics().get(0).name());
    assertEquals(TargetType.AVERAGE_VALUE, spec.metrics().get(0).type());
    assertEquals(0.5, spec.metrics().get(0).target());
    assertEquals("kv_cache_usage", spec.metrics().get(1).name());
    assertEquals(ScalingRules.DEFAULT_SCALE_UP, spec.scaleUp());
    assertEquals(new ScalingRules(60, SelectPolicy.MAX, List.of(ScalingPolicy.pods(1, 30)), 0.1), spec.scaleDown());
    assertNull(r.policy().panic());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void everyLayerMaps() throws Exception {
    PolicyDocuments.Result r = map("""
        {"workload": "simulated/demo/Fleet/chat", "mode": "dry-run", "minReplicas": 0, "maxReplicas": 8,
         "metrics": [{"signal": "queue_depth", "target": {"type": "AverageValue", "averageValue": 5}, "activationThreshold": 2}],
         "pause": {"scaleDown": true},
         "fallback": {"failureThreshold": 3, "replicas": 4, "behavior": "currentReplicasIfHigher"},
         "schedules": [{"name": "work", "days": ["MON", "tue", "Wednesday"], "start": "08:00", "end": "18:00",
                        "timeZone": "Europe/Berlin", "minReplicas": 2}],
         "panic": {"stableWindowSeconds": 30},
         "predictive": {"coldStartSeconds": 180}}
        """);
    assertEquals(List.of(), r.errors());
    AutoscalingPolicy p = r.policy();
    assertEquals(PolicyMode.DRY_RUN, r.mode());
    assertEquals(0, p.spec().minReplicas());
    assertEquals(2.0, p.spec().metrics().get(0).activation());
    assertTrue(p.pause().scaleDown() && !p.pause().scaleUp());
    assertEquals(new Fallback(3, 4, Fallback.Behavior.CURRENT_REPLICAS_IF_HIGHER), p.fallback());
    assertEquals(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY), p.schedules().get(0).days());
    assertEquals(LocalTime.of(18, 0), p.schedules().get(0).end());
    assertEquals(ZoneId.of("Europe/Berlin"), p.schedules().get(0).timeZone());
    assertEquals(2, p.specAt(Instant.parse("2026-03-02T09:00:00Z")).minReplicas());
    assertEquals(new Panic(30, 10, 200), p.panic());
    assertEquals(new Predictive(180, Predictive.DEFAULT_LOOKBACK_SECONDS), p.predictive());
    assertEquals(1, r.warnings().size()); // minReplicas 0 says what wakes the workload
    assertTrue(r.warnings().get(0).contains("activationThreshold"), r.warnings().get(0));
  }

  @Test
  void anUnknownSignalIsAcceptedWithAWarning() throws Exception {
    PolicyDocuments.Result r = map("""
        {"workload": "simulated/demo/Fleet/chat", "maxReplicas": 8,
         "metrics": [{"signal": "gateway_queue", "target": {"type": "Value", "value": 10}}]}""");
    assertTrue(r.ok());
    assertTrue(r.warnings().get(0).contains("gateway_queue is not a built-in signal"), r.warnings().toString());
  }

  @Test
  void aWorkloadIdOrMetricNameLongerThanItsColumnIsRefused() throws Exception {
    // both are stored (the policy's workload, each decision's metric): too long was a database error, a 500
    String longName = "n".repeat(253);
    PolicyDocuments.Result r = map("""
        {"workload": "simulated/%s/Fleet/%s", "maxReplicas": 8,
         "metrics": [{"signal": "queue_depth", "target": {"type": "Value", "value": 10}}]}""".formatted(longName, longName));
    assertFalse(r.ok());
    assertEquals(List.of("workload"), r.errors().stream().map(e -> e.field()).toList());
    assertTrue(r.errors().get(0).message().contains("at most 512"), r.errors().toString());
    r = map("""
        {"workload": "simulated/demo/Fleet/chat", "maxReplicas": 8,
         "metrics": [{"signal": "%s", "target": {"type": "Value", "value": 10}}]}""".formatted("s".repeat(129)));
    assertEquals(List.of("metrics[0]"), r.errors().stream().map(e -> e.field()).toList());
    assertTrue(r.errors().get(0).message().contains("at most 128"), r.errors().toString());
  }

  @Test
  void aQueryMetricIsParsedAndNamed() throws Exception {
    PolicyDocuments.Result r = map("""
        {"workload": "simulated/demo/Fleet/chat", "maxReplicas": 8,
         "metrics": [{"name": "waiting", "query": "sum(vllm:num_requests_waiting{workload=\\"$workload\\"})",
                      "target": {"type": "AverageValue", "averageValue": 5}}]}""");
    assertEquals(List.of(), r.errors());
    assertEquals("waiting", r.policy().spec().metrics().get(0).name());
    assertEquals(java.util.Map.of("waiting", "sum(vllm:num_requests_waiting{workload=\"$workload\"})"), r.queries());
    assertEquals(List.of(), r.warnings());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # metric                                                                          | field              | message starts with
      {"name": "q", "query": "sum(rate(x[5m]", "target": {"type": "Value", "value": 1}}  | metrics[0].query   | 1:
      {"name": "q", "query": "x[5m]", "target": {"type": "Value", "value": 1}}           | metrics[0].query   | must give a scalar or an instant vector, not a range vector
      {"query": "x", "target": {"type": "Value", "value": 1}}                            | metrics[0].name    | is required with query
      {"signal": "x", "query": "x", "name": "q", "target": {"type": "Value", "value": 1}} | metrics[0].query | a metric has either
      {"signal": "x", "name": "q", "target": {"type": "Value", "value": 1}}              | metrics[0].name    | is only for query metrics
      """)
  void aBadQueryMetricIsNamed(String metric, String field, String message) throws Exception {
    PolicyDocuments.Result r = map("""
        {"workload": "simulated/demo/Fleet/chat", "maxReplicas": 8, "metrics": [%s]}""".formatted(metric));
    assertEquals(List.of(field), r.errors().stream().map(FieldError::field).toList());
    assertTrue(r.errors().get(0).message().startsWith(message), r.errors().get(0).message());
  }

  @ParameterizedTest
  @CsvSource({"2, 2", "'\"250m\"', 0.25", "'\"2k\"', 2000", "'\"1Ki\"', 1024", "'\"1.5\"', 1.5"})
  void quantities(String node, double expected) throws Exception {
    assertEquals(expected, PolicyDocuments.quantity(json.readTree(node), "x", new java.util.ArrayList<>()));
  }

  @Test
  void everyInvalidFieldIsNamedAtItsPath() throws Exception {
    PolicyDocuments.Result r = map("""
        {"workload": "chat", "mode": "yolo", "minReplicas": -1, "maxReplicas": 0,
         "metrics": [{"target": {"type": "Average"}}, {"signal": "q", "target": {"type": "Value", "value": "lots"}},
                     {"signal": "k", "target": {"type": "AverageValue", "averageValue": -3}},
                     {"type": "Resource", "resource": {"name": "cpu"}}, {"signal": "bad name", "target": {"type": "Value", "value": 1}}],
         "behavior": {"scaleUp": {"selectPolicy": "Most", "stabilizationWindowSeconds": 5000,
                                  "policies": [{"type": "Replicas", "value": 1, "periodSeconds": 15}, {"type": "Pods", "value": 0, "periodSeconds": 15}],
                                  "tolerance": 1.5}},
         "fallback": {"behavior": "currentReplicasIfLower"},
         "schedules": [{"days": ["Funday"], "start": "8:00", "end": "25:00", "timeZone": "Mars/Olympus"}],
         "panic": {"stableWindowSeconds": 2, "panicThresholdPercentage": 50},
         "predictive": {"lookbackSeconds": 1}}
        """);
    assertNull(r.policy());
    assertEquals(List.of("workload", "mode", "minReplicas", "maxReplicas", "metrics[0].signal", "metrics[0].target.type",
        "metrics[1].target.value", "metrics[2].target", "metrics[3].type", "metrics[4].signal",
        "behavior.scaleUp.stabilizationWindowSeconds", "behavior.scaleUp.selectPolicy", "behavior.scaleUp.policies[0].type",
        "behavior.scaleUp.policies[1].value", "behavior.scaleUp.tolerance", "fallback.failureThreshold", "fallback.behavior",
        "schedules[0].days[0]", "schedules[0].start", "schedules[0].end", "schedules[0].timeZone", "schedules[0]",
        "panic.stableWindowSeconds", "panic.panicThresholdPercentage", "predictive.coldStartSeconds", "predictive.lookbackSeconds"),
        r.errors().stream().map(FieldError::field).toList());
    assertTrue(r.errors().get(16).message().contains("never scales down on missing data"));
  }

  @Test
  void overlappingSchedulesAndAMismatchedTargetRefAreRefused() throws Exception {
    PolicyDocuments.Result r = map("""
        {"workload": "kubernetes/llm/Deployment/a", "namespace": "llm", "scaleTargetRef": {"kind": "Deployment", "name": "b"},
         "maxReplicas": 4, "metrics": [{"signal": "queue_depth", "target": {"type": "Value", "value": 1}}],
         "schedules": [{"name": "day", "start": "08:00", "end": "20:00", "timeZone": "UTC", "minReplicas": 2},
                       {"name": "evening", "start": "19:00", "end": "23:00", "timeZone": "UTC", "maxReplicas": 2}]}""");
    assertEquals(List.of("scaleTargetRef", "schedules"), r.errors().stream().map(FieldError::field).toList());
    assertTrue(r.errors().get(1).message().contains("day and evening overlap"), r.errors().get(1).message());
  }

  @Test
  void aMissingWorkloadIsAnErrorOnlyWhenOneIsRequired() throws Exception {
    String noWorkload = """
        {"maxReplicas": 4, "metrics": [{"signal": "queue_depth", "target": {"type": "Value", "value": 1}}]}""";
    assertEquals(List.of("workload"), map(noWorkload).errors().stream().map(FieldError::field).toList());
    assertTrue(PolicyDocuments.map(json.readValue(noWorkload, PolicyDocument.class), "policy", false).ok());
    assertEquals(List.of(new FieldError("body", "is required")), PolicyDocuments.map(null, "", true).errors());
  }

  private PolicyDocuments.Result map(String body) throws Exception {
    return PolicyDocuments.map(json.readValue(body, PolicyDocument.class), "", true);
  }
}
