package dev.plimsoll.scaler.evaluate;

import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.History;
import dev.plimsoll.scaling.MetricInput;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.PolicyDecision;
import dev.plimsoll.scaling.Replica;
import dev.plimsoll.scaling.WorkloadScaler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a policy as the scaler would at a given time, from a signal history instead of live
 * snapshots: a {@link WorkloadScaler} is first run at every earlier signal time within the longest window
 * the policy looks back over (stabilization, panic, prediction), without acting, as the live scaler
 * evaluates each snapshot; then once at {@code time}. A signal's value at a time is its latest point at or
 * before it, and none when that point is older than {@code maxSignalAge}. Pure.
 */
public final class DryEvaluator {

  /** One signal point. */
  public record Point(Instant at, Double value) {}

  /** The decision at {@code time} and the recommendations held when it was made. */
  public record Result(PolicyDecision decision, List<History.Recommendation> recommendations) {}

  public Result evaluate(AutoscalingPolicy policy, int currentReplicas, int readyReplicas, Map<String, List<Point>> signals,
      List<History.ScaleEvent> scaleEvents, List<History.Recommendation> recordedRecommendations, Instant time, Duration maxSignalAge) {
    List<Replica> replicas = new ArrayList<>();
    for (int i = 0; i < currentReplicas; i++) {
      replicas.add(new Replica("replica-" + i, i < readyReplicas));
    }
    long window = Math.max(policy.spec().scaleUp().stabilizationWindowSeconds(), policy.spec().scaleDown().stabilizationWindowSeconds());
    if (policy.panic() != null) {
      window = Math.max(window, policy.panic().stableWindowSeconds());
    }
    if (policy.predictive() != null) {
      window = Math.max(window, policy.predictive().lookbackSeconds());
    }
    Instant from = time.minusSeconds(window);
    TreeSet<Instant> times = new TreeSet<>();
    for (List<Point> points : signals.values()) {
      for (Point p : points) {
        if (p.at().isAfter(from) && p.at().isBefore(time)) {
          times.add(p.at());
        }
      }
    }
    WorkloadScaler scaler = new WorkloadScaler();
    scaler.remember(recordedRecommendations, scaleEvents);
    for (Instant t : times) {
      scaler.evaluate(policy, currentReplicas, replicas, valuesAt(policy, signals, t, maxSignalAge), t);
    }
    List<History.Recommendation> held = scaler.recommendations();
    PolicyDecision now = scaler.evaluate(policy, currentReplicas, replicas, valuesAt(policy, signals, time, maxSignalAge), time);
    return new Result(now, held);
  }

  static Map<String, MetricInput> valuesAt(AutoscalingPolicy policy, Map<String, List<Point>> signals, Instant t, Duration maxAge) {
    Map<String, MetricInput> out = new HashMap<>();
    for (MetricSpec m : policy.specAt(t).metrics()) {
      Point latest = null;
      for (Point p : signals.getOrDefault(m.name(), List.of())) {
        if (!p.at().isAfter(t) && (latest == null || p.at().isAfter(latest.at()))) {
          latest = p;
        }
      }
      if (latest != null && latest.value() != null && !latest.at().plus(maxAge).isBefore(t)) {
        out.put(m.name(), MetricInput.total(latest.value()));
      }
    }
    return out;
  }
}
