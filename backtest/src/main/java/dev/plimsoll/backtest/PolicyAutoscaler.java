package dev.plimsoll.backtest;

import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.MetricInput;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.Replica;
import dev.plimsoll.scaling.WorkloadScaler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A policy decided by the scaler's own engine ({@link WorkloadScaler}), its metrics read from the observations. */
public final class PolicyAutoscaler implements Autoscaler {
  private static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");

  private final String name;
  private final AutoscalingPolicy policy;
  private final double interval;
  private final WorkloadScaler scaler = new WorkloadScaler();

  public PolicyAutoscaler(String name, AutoscalingPolicy policy, double intervalSeconds) {
    this.name = name;
    this.policy = policy;
    this.interval = intervalSeconds;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double intervalSeconds() {
    return interval;
  }

  @Override
  public int desired(Observation seen, int current, int ready, double now) {
    Map<String, MetricInput> metrics = new HashMap<>();
    if (seen != null) {
      for (MetricSpec m : policy.spec().metrics()) {
        Double v = seen.signal(m.name());
        if (v != null) {
          metrics.put(m.name(), MetricInput.total(v));
        }
      }
    }
    // The controller starts with the replay: the fleet's first count holds for a scale-down window (the first call counts).
    scaler.started(current, at(now));
    List<Replica> replicas = new ArrayList<>(current);
    for (int i = 0; i < current; i++) {
      replicas.add(new Replica("r" + i, i < ready));
    }
    return scaler.evaluate(policy, current, replicas, metrics, at(now)).desiredReplicas();
  }

  @Override
  public void scaled(int from, int to, double at) {
    scaler.scaled(from, to, at(at));
  }

  private static Instant at(double seconds) {
    return EPOCH.plusMillis(Math.round(seconds * 1000));
  }
}
