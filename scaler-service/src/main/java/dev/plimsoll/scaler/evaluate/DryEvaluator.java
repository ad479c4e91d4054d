package dev.plimsoll.scaler.evaluate;

import dev.plimsoll.scaling.Evaluation;
import dev.plimsoll.scaling.History;
import dev.plimsoll.scaling.HpaEngine;
import dev.plimsoll.scaling.MetricInput;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.Replica;
import dev.plimsoll.scaling.ScalingSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a policy as the scaler would at a given time, from a signal history instead of live
 * snapshots: the engine is first run at every earlier signal time within the longest stabilization
 * window (without acting, as the scaler records a recommendation at each snapshot), so that the
 * stabilization windows see the same recommendations a live scaler would have recorded; then once at
 * {@code time}. A signal's value at a time is its latest point at or before it, and none when that
 * point is older than {@code maxSignalAge}. Pure.
 */
public final class DryEvaluator {
  private final HpaEngine engine = new HpaEngine();

  /** One signal point. */
  public record Point(Instant at, Double value) {}

  /** The decision at {@code time} and the recommendations replayed before it. */
  public record Result(Evaluation evaluation, List<History.Recommendation> recommendations) {}

  public Result evaluate(ScalingSpec spec, int currentReplicas, int readyReplicas, Map<String, List<Point>> signals,
      List<History.ScaleEvent> scaleEvents, List<History.Recommendation> recordedRecommendations, Instant time, Duration maxSignalAge) {
    List<Replica> replicas = new ArrayList<>();
    for (int i = 0; i < currentReplicas; i++) {
      replicas.add(new Replica("replica-" + i, i < readyReplicas));
    }
    int window = Math.max(spec.scaleUp().stabilizationWindowSeconds(), spec.scaleDown().stabilizationWindowSeconds());
    Instant from = time.minusSeconds(window);
    TreeSet<Instant> times = new TreeSet<>();
    for (List<Point> points : signals.values()) {
      for (Point p : points) {
        if (p.at().isAfter(from) && p.at().isBefore(time)) {
          times.add(p.at());
        }
      }
    }
    List<History.Recommendation> recommendations = new ArrayList<>(recordedRecommendations);
    for (Instant t : times) {
      Evaluation e = engine.evaluate(new HpaEngine.Request(spec, currentReplicas, replicas, valuesAt(spec, signals, t, maxSignalAge),
          recommendations, scaleEvents, t));
      if (e.record() != null) {
        recommendations.add(e.record());
      }
    }
    Evaluation now = engine.evaluate(new HpaEngine.Request(spec, currentReplicas, replicas, valuesAt(spec, signals, time, maxSignalAge),
        recommendations, scaleEvents, time));
    return new Result(now, List.copyOf(recommendations));
  }

  static Map<String, MetricInput> valuesAt(ScalingSpec spec, Map<String, List<Point>> signals, Instant t, Duration maxAge) {
    Map<String, MetricInput> out = new HashMap<>();
    for (MetricSpec m : spec.metrics()) {
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
