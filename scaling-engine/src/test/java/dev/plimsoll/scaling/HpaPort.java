package dev.plimsoll.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared fixtures for the ports of the Kubernetes HPA's own tests (kubernetes/kubernetes
 * {@code pkg/controller/podautoscaler}): the upstream helpers ({@code generateScalingRules},
 * {@code generateEventsUniformDistribution}) and a small builder that turns an upstream {@code testCase} /
 * {@code replicaCalcTestCase} (pods, readiness, reported levels, metric specs) into an engine request.
 *
 * <p>Mapping, once for all the ports:
 * <ul>
 *   <li>pods are replicas named {@code test-pod-N}, as upstream; an unready or "hot CPU" pod is
 *       {@code Replica(ready=false)}; Failed and deleted pods are left out (the HPA discards them and the engine
 *       only sees live replicas);
 *   <li>Resource CPU {@code Utilization}: per-replica percentages {@code usage / request × 100}
 *       ({@link TargetType#UTILIZATION}, {@link MetricInput.PerReplica}); Pods metrics: per-replica values
 *       ({@link TargetType#AVERAGE_VALUE}); Object/External {@code Value}: {@link TargetType#VALUE} with a
 *       {@link MetricInput.Total}; Object/External {@code AverageValue}: {@link TargetType#AVERAGE_VALUE} with a
 *       {@link MetricInput.Total}; milli-quantities are divided by 1000;
 *   <li>a metric that cannot be fetched (or an invalid source type) is a metric of the spec with no input;
 *   <li>a "prenormalized desired replicas" of the behavior tables is produced by one {@code Value} metric with
 *       target 1 and value {@code desired / current} (the engine proposes {@code ceil(ratio × ready)});
 *   <li>upstream's {@code recommendations: nil} makes the controller seed the history with the current count
 *       at "now" ({@code reconcileAutoscaler}); {@code []timestampedRecommendation{}} means an empty history.
 * </ul>
 */
final class HpaPort {
  private HpaPort() {}

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final HpaEngine ENGINE = new HpaEngine();

  /** horizontal_test.go {@code generateScalingRules}: Max select, a Pods and/or a Percent policy. */
  static ScalingRules generateScalingRules(int pods, int podsPeriod, int percent, int percentPeriod, int stabilizationWindow) {
    List<ScalingPolicy> policies = new ArrayList<>();
    if (pods != 0) {
      policies.add(ScalingPolicy.pods(pods, podsPeriod));
    }
    if (percent != 0) {
      policies.add(ScalingPolicy.percent(percent, percentPeriod));
    }
    return new ScalingRules(stabilizationWindow, SelectPolicy.MAX, policies, ScalingRules.DEFAULT_TOLERANCE);
  }

  /**
   * horizontal_test.go {@code generateEventsUniformDistribution}: the events spread over the last
   * {@code periodSeconds}, each in the middle of its segment (Go truncates the offset to whole seconds).
   * {@code sign} is +1 for scale-up events, -1 for scale-down events.
   */
  static List<History.ScaleEvent> uniformEvents(int sign, int periodSeconds, int... rawEvents) {
    List<History.ScaleEvent> events = new ArrayList<>();
    double segment = (double) periodSeconds / rawEvents.length;
    for (int i = 0; i < rawEvents.length; i++) {
      long secondsAgo = (long) (periodSeconds - segment * (i + 1) + segment / 2);
      events.add(new History.ScaleEvent(NOW.minusSeconds(secondsAgo), sign * rawEvents[i]));
    }
    return events;
  }

  static History.Recommendation rec(int replicas, long secondsAgo) {
    return new History.Recommendation(NOW.minusSeconds(secondsAgo), replicas);
  }

  /**
   * Runs the engine on a "prenormalized desired replicas" (the behavior tables): one Value metric, target 1,
   * value desired/current. When current is within min..max it also checks the mapping (the engine's raw
   * proposal must be the upstream desired count), so a row cannot pass by accident.
   */
  static Evaluation normalize(int min, int max, ScalingRules up, ScalingRules down, int current, int desired,
      List<History.ScaleEvent> events, List<History.Recommendation> recommendations) {
    ScalingSpec spec = new ScalingSpec(min, max, List.of(new MetricSpec("proposal", TargetType.VALUE, 1.0)), up, down);
    double value = (double) desired / current;
    Evaluation e = ENGINE.evaluate(new HpaEngine.Request(spec, current, List.of(), Map.of("proposal", MetricInput.total(value)),
        recommendations, events, NOW));
    if (current >= min && current <= max) {
      assertEquals(desired, e.rawProposal(), "test mapping: the metric must propose the upstream prenormalized count");
    }
    return e;
  }

  /** One upstream controller or replica-calculator case, built up as the upstream struct is. */
  static Scenario scenario(int current) {
    return new Scenario(current);
  }

  static final class Scenario {
    int min = 1;
    int max = 1000;
    final int current;
    Integer podCount;
    String readiness;
    ScalingRules scaleUp;
    ScalingRules scaleDown;
    List<History.Recommendation> recommendations; // null: upstream nil (seeded with current)
    final List<MetricSpec> specs = new ArrayList<>();
    final Map<String, MetricInput> inputs = new HashMap<>();
    private final StringBuilder text = new StringBuilder();

    Scenario(int current) {
      this.current = current;
    }

    Scenario bounds(int min, int max) {
      this.min = min;
      this.max = max;
      return this;
    }

    /** Number of (live) pods; defaults to the current replica count. */
    Scenario pods(int n) {
      this.podCount = n;
      return this;
    }

    /** Readiness per pod, e.g. "FTT" (F = unready or hot CPU). */
    Scenario ready(String flags) {
      this.readiness = flags;
      return this;
    }

    Scenario scaleUp(ScalingRules rules) {
      this.scaleUp = rules;
      return this;
    }

    Scenario scaleDown(ScalingRules rules) {
      this.scaleDown = rules;
      return this;
    }

    /** Upstream {@code recommendations: []timestampedRecommendation{...}} (an explicit, possibly empty, history). */
    Scenario recs(History.Recommendation... recs) {
      this.recommendations = List.of(recs);
      return this;
    }

    /** CPU utilization: levels in milli-CPU, requests in cores (1.0 each when none are given). */
    Scenario cpu(int targetPercent, long[] levelsMilli, double... requestsCores) {
      Map<String, Double> values = new HashMap<>();
      for (int i = 0; i < levelsMilli.length; i++) {
        double request = requestsCores.length == 0 ? 1.0 : requestsCores[i];
        values.put(pod(i), levelsMilli[i] / (request * 1000.0) * 100.0);
      }
      return perReplica("cpu", TargetType.UTILIZATION, targetPercent, values);
    }

    /** CPU utilization given directly as per-replica percentages by pod name (any names). */
    Scenario cpuPercentages(int targetPercent, Map<String, Double> percentages) {
      return perReplica("cpu", TargetType.UTILIZATION, targetPercent, percentages);
    }

    /** Pods metric (AverageValue per pod): values already in units (upstream milli / 1000). */
    Scenario podsMetric(double target, double... values) {
      Map<String, Double> map = new HashMap<>();
      for (int i = 0; i < values.length; i++) {
        map.put(pod(i), values[i]);
      }
      return perReplica("qps", TargetType.AVERAGE_VALUE, target, map);
    }

    /** Object or External metric with a Value target. */
    Scenario value(double target, double value) {
      return total("qps-value", TargetType.VALUE, target, value);
    }

    /** Object or External metric with an AverageValue target. */
    Scenario averageValue(double target, double value) {
      return total("qps-average", TargetType.AVERAGE_VALUE, target, value);
    }

    /** CPU utilization given as one workload-wide percentage (the HPA's sum(usage) / sum(requests)). */
    Scenario cpuTotal(double targetPercent, double utilization) {
      return total("cpu-total", TargetType.UTILIZATION, targetPercent, utilization);
    }

    /** A metric of the spec whose value cannot be had (fetch error, invalid source type). */
    Scenario invalid(String name) {
      specs.add(new MetricSpec(name, TargetType.VALUE, 1.0));
      text.append(name).append("=<none> ");
      return this;
    }

    Scenario tolerances(double scaleDownTolerance, double scaleUpTolerance) {
      ScalingRules up = scaleUp == null ? ScalingRules.DEFAULT_SCALE_UP : scaleUp;
      ScalingRules down = scaleDown == null ? ScalingRules.DEFAULT_SCALE_DOWN : scaleDown;
      this.scaleUp = new ScalingRules(up.stabilizationWindowSeconds(), up.selectPolicy(), up.policies(), scaleUpTolerance);
      this.scaleDown = new ScalingRules(down.stabilizationWindowSeconds(), down.selectPolicy(), down.policies(), scaleDownTolerance);
      return this;
    }

    private Scenario perReplica(String name, TargetType type, double target, Map<String, Double> values) {
      specs.add(new MetricSpec(name, type, target));
      inputs.put(name, new MetricInput.PerReplica(values));
      text.append(name).append(values).append(" ");
      return this;
    }

    private Scenario total(String name, TargetType type, double target, double value) {
      specs.add(new MetricSpec(name, type, target));
      inputs.put(name, MetricInput.total(value));
      text.append(name).append("=").append(value).append(" ");
      return this;
    }

    List<Replica> replicas() {
      int n = podCount == null ? current : podCount;
      List<Replica> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        boolean ready = readiness == null || i >= readiness.length() || readiness.charAt(i) != 'F';
        out.add(new Replica(pod(i), ready));
      }
      return out;
    }

    HpaEngine.Request request() {
      ScalingSpec spec = new ScalingSpec(min, max, specs, scaleUp, scaleDown);
      List<History.Recommendation> recs = recommendations != null ? recommendations
          : List.of(new History.Recommendation(NOW, current)); // upstream nil: the controller seeds the current count
      return new HpaEngine.Request(spec, current, replicas(), inputs, recs, List.of(), NOW);
    }

    Evaluation evaluate() {
      return ENGINE.evaluate(request());
    }

    /** The first metric's proposal: what upstream's ReplicaCalculator returns (null: it returned an error). */
    Integer proposal() {
      return evaluate().metrics().get(0).proposal();
    }

    private static String pod(int i) {
      return "test-pod-" + i;
    }

    @Override
    public String toString() {
      return "current=" + current + " min=" + min + " max=" + max + " pods=" + (podCount == null ? current : podCount)
          + (readiness == null ? "" : " ready=" + readiness) + " " + text;
    }
  }

  static long[] levels(long... milli) {
    return milli;
  }
}
