package dev.plimsoll.scaler.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A scaling policy as JSON: the body of {@code POST|PUT /api/v1/policies}, the {@code policy} of
 * {@code POST /api/v1/evaluate} and the {@code spec} of the {@code ScalingPolicy} custom resource. Shaped like
 * the HPA's {@code autoscaling/v2} spec so that an existing HorizontalPodAutoscaler's {@code spec} ports by
 * copy ({@code scaleTargetRef}, {@code minReplicas}, {@code maxReplicas}, {@code metrics[]}, {@code behavior}),
 * and like KEDA's ScaledObject for activation ({@code metrics[].activationThreshold}) and {@code fallback};
 * Plimsoll's own layers ({@code schedules}, {@code panic}, {@code predictive}, {@code pause}, {@code mode})
 * are optional. See docs/contracts.md, "Scaling policy".
 *
 * <p>A metric is {@code {"signal": "queue_depth", "target": {...}}} or the HPA's own form
 * {@code {"type": "External"|"Pods"|"Object", "external": {"metric": {"name": "queue_depth"}, "target": {...}}}}:
 * either way the name is a collector signal ({@code Resource} metrics such as cpu are refused with a reason); or
 * {@code {"name": "waiting", "query": "sum(vllm:num_requests_waiting{workload=\"$workload\"})", "target": {...}}}, a
 * PromQL-subset query the scaler asks the collector at each evaluation ({@code $workload} is the workload id).
 * Quantities may be numbers or Kubernetes quantity strings. Bodies are read strictly: an unknown (misspelt)
 * field is an error, except the fields the API adds when it returns a policy, so a GET can be edited and PUT back.
 *
 * @param workload {@code platform/namespace/kind/name}; or leave it out and give {@code scaleTargetRef} and
 *     {@code namespace} (a Kubernetes workload)
 * @param version the version read, required on PUT (optimistic locking)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = {"id", "source", "resource", "createdAt", "updatedAt", "warnings"}, allowGetters = true)
public record PolicyDocument(String workload, String namespace, ScaleTargetRef scaleTargetRef, Integer minReplicas, Integer maxReplicas,
    List<Metric> metrics, Behavior behavior, String mode, Pause pause, Fallback fallback, List<Schedule> schedules, Panic panic,
    Predictive predictive, Long version) {

  /** The HPA's {@code CrossVersionObjectReference}. */
  public record ScaleTargetRef(String apiVersion, String kind, String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Metric(String signal, String query, String name, Target target, JsonNode activationThreshold, String type,
      Source external, Source pods, Source object, JsonNode resource, JsonNode containerResource) {}

  /** The HPA's {@code external}/{@code pods}/{@code object} metric source: the metric's name and its target. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(MetricName metric, Target target) {}

  public record MetricName(String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String type, JsonNode value, JsonNode averageValue, JsonNode averageUtilization) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Behavior(Rules scaleUp, Rules scaleDown) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rules(Integer stabilizationWindowSeconds, String selectPolicy, List<Policy> policies, JsonNode tolerance) {}

  public record Policy(String type, Integer value, Integer periodSeconds) {}

  /** Pausing one direction (KEDA's {@code paused-scale-out} / {@code paused-scale-in}). */
  public record Pause(Boolean scaleUp, Boolean scaleDown) {}

  /** KEDA's fallback: {@code behavior} static (default), currentReplicas or currentReplicasIfHigher. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Fallback(Integer failureThreshold, Integer replicas, String behavior) {}

  /** Time-of-day bounds: {@code days} (MON..SUN, empty = every day), {@code start}/{@code end} HH:MM, an IANA {@code timeZone}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Schedule(String name, List<String> days, String start, String end, String timeZone, Integer minReplicas,
      Integer maxReplicas) {}

  /** Knative's panic mode; each field defaults to Knative's (60 s, 10 %, 200 %). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Panic(Integer stableWindowSeconds, Double panicWindowPercentage, Double panicThresholdPercentage) {}

  /** Predictive scale-up one cold start ahead. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Predictive(Integer coldStartSeconds, Integer lookbackSeconds) {}

  /** The same document with another workload, mode and version (the rest unchanged). */
  public PolicyDocument with(String workload, String mode, Long version) {
    return new PolicyDocument(workload, null, scaleTargetRef, minReplicas, maxReplicas, metrics, behavior, mode, pause, fallback, schedules,
        panic, predictive, version);
  }
}
