package dev.plimsoll.scaler.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.scaling.ScalingPolicy;
import dev.plimsoll.scaling.ScalingRules;
import dev.plimsoll.scaling.ScalingSpec;
import dev.plimsoll.scaling.SelectPolicy;
import dev.plimsoll.scaling.TargetType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** autoscaling/v2-shaped JSON into the engine's spec: defaults, quantities, and every field error at its path. */
class SpecMapperTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anHpaSpecPortsByCopyWithTheHpaDefaults() throws Exception {
    ScalingSpec spec = map("""
        {"maxReplicas": 10,
         "metrics": [{"signal": "queue_depth", "target": {"type": "AverageValue", "averageValue": "500m"}},
                     {"signal": "gpu_utilization", "target": {"type": "Utilization", "averageUtilization": 80}}],
         "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60, "policies": [{"type": "Pods", "value": 1, "periodSeconds": 30}]}}}
        """).spec();
    assertEquals(1, spec.minReplicas());
    assertEquals(10, spec.maxReplicas());
    assertEquals(TargetType.AVERAGE_VALUE, spec.metrics().get(0).type());
    assertEquals(0.5, spec.metrics().get(0).target());
    assertEquals(TargetType.UTILIZATION, spec.metrics().get(1).type());
    assertEquals(ScalingRules.DEFAULT_SCALE_UP, spec.scaleUp());
    assertEquals(new ScalingRules(60, SelectPolicy.MAX, List.of(ScalingPolicy.pods(1, 30)), 0.1), spec.scaleDown());
  }

  @ParameterizedTest
  @CsvSource({"2, 2", "'\"250m\"', 0.25", "'\"2k\"', 2000", "'\"1Ki\"', 1024", "'\"1.5\"', 1.5"})
  void quantities(String node, double expected) throws Exception {
    assertEquals(expected, SpecMapper.quantity(json.readTree(node), "x", new java.util.ArrayList<>()));
  }

  @Test
  void everyInvalidFieldIsNamedAtItsPath() throws Exception {
    SpecMapper.Result r = map("""
        {"minReplicas": -1, "maxReplicas": 0,
         "metrics": [{"target": {"type": "Average"}}, {"signal": "q", "target": {"type": "Value", "value": "lots"}},
                     {"signal": "k", "target": {"type": "AverageValue", "averageValue": -3}}],
         "behavior": {"scaleUp": {"selectPolicy": "Most", "stabilizationWindowSeconds": 5000,
                                  "policies": [{"type": "Replicas", "value": 1, "periodSeconds": 15}, {"type": "Pods", "value": 0, "periodSeconds": 15}],
                                  "tolerance": 1.5}}}
        """);
    assertNull(r.spec());
    assertEquals(List.of("p.minReplicas", "p.maxReplicas", "p.metrics[0].signal", "p.metrics[0].target.type", "p.metrics[1].target.value",
        "p.metrics[2].target", "p.behavior.scaleUp.stabilizationWindowSeconds", "p.behavior.scaleUp.selectPolicy",
        "p.behavior.scaleUp.policies[0].type", "p.behavior.scaleUp.policies[1].value", "p.behavior.scaleUp.tolerance"),
        r.errors().stream().map(FieldError::field).toList());
  }

  private SpecMapper.Result map(String body) throws Exception {
    return SpecMapper.map(json.readValue(body, PolicySpecBody.class), "p");
  }
}
