package dev.plimsoll.scaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scales one workload under an {@link AutoscalingPolicy}: keeps what the HPA keeps between evaluations
 * (recommendations, scale events) and what Plimsoll's layers need (recent metric values, the run of
 * evaluations without usable data, the panic state), and applies the layers around {@link HpaEngine}:
 *
 * <ol>
 *   <li><b>schedule</b>: the open schedule's bounds replace the policy's;
 *   <li><b>HPA</b>: the engine's exact decision under those bounds;
 *   <li><b>panic</b> ({@link Panic}): a burst over the panic window raises the count at once, bounded by
 *       maxReplicas only, and nothing scales down while panicking;
 *   <li><b>predictive</b> ({@link Predictive}): the count the demand forecast one cold start ahead needs,
 *       only upwards, within maxReplicas and the scale-up rate policies;
 *   <li><b>fallback</b> ({@link Fallback}): after N evaluations in a row with some metric unusable, at least
 *       the fallback count (never fewer than now);
 *   <li><b>pause</b> ({@link Pause}): a paused direction holds the count.
 * </ol>
 *
 * A count a layer raised is recorded as the recommendation, so the scale-down stabilization window
 * remembers it as it remembers the HPA's own; a controller calls {@link #started} first, which records the current
 * count as the HPA does (Kubernetes' {@code recordInitialRecommendation}), so nothing is removed within a window of it. Not thread-safe: one per workload, one evaluation at a time.
 * Plain Java; {@code now} is an input, so replays (the dry evaluation, backtests) run it on their own clock.
 */
public final class WorkloadScaler {
  private final HpaEngine engine = new HpaEngine();
  private final List<History.Recommendation> recommendations = new ArrayList<>();
  private final List<History.ScaleEvent> scaleEvents = new ArrayList<>();
  private final Map<String, SampleRing> samples = new HashMap<>();
  private boolean started;
  private int failuresInARow;
  private Instant panicTime;
  private int maxPanicPods;

  /** Evaluates once and remembers what the next evaluations need. */
  public PolicyDecision evaluate(AutoscalingPolicy policy, int current, List<Replica> replicas, Map<String, MetricInput> metrics,
      Instant now) {
    ScalingSpec spec = policy.specAt(now);
    Schedule schedule = policy.scheduleAt(now);
    boolean failed = recordLevels(policy, spec, metrics, now);
    failuresInARow = failed ? failuresInARow + 1 : 0;
    Evaluation e = engine.evaluate(new HpaEngine.Request(spec, current, replicas, metrics, recommendations, scaleEvents, now));
    int desired = e.desiredReplicas();
    Reason reason = e.reason();
    StringBuilder message = new StringBuilder(e.message());
    if (schedule != null) {
      message.append("; schedule ").append(schedule.name()).append(" sets the bounds to ").append(spec.minReplicas()).append("..")
          .append(spec.maxReplicas());
    }
    if (e.reason() == Reason.SCALING_DISABLED) {
      trim(policy, spec, now);
      return new PolicyDecision(e, desired, reason, message.toString(), name(schedule), spec.minReplicas(), spec.maxReplicas(), false,
          null, null, failuresInARow, null);
    }
    int ready = ready(current, replicas);
    int beforeLayers = desired;

    Integer panicProposal = null;
    if (policy.panic() != null && current > 0) {
      panicProposal = panicProposal(policy.panic(), spec, ready, now);
      boolean over = panicProposal != null && panicProposal / (double) Math.max(1, ready) >= policy.panic().panicThresholdPercentage() / 100.0;
      if (over) {
        if (panicTime == null) {
          maxPanicPods = 0;
        }
        panicTime = now;
      } else if (panicTime != null && panicTime.plusSeconds(policy.panic().stableWindowSeconds()).isBefore(now)) {
        panicTime = null;
        maxPanicPods = 0;
      }
      if (panicTime != null) {
        int wanted = Math.max(Math.max(desired, current), Math.max(panicProposal == null ? 0 : panicProposal, maxPanicPods));
        wanted = Math.min(wanted, spec.maxReplicas());
        maxPanicPods = Math.max(maxPanicPods, wanted);
        if (wanted != desired) {
          desired = wanted;
          reason = Reason.PANIC;
        }
        message.append("; panic mode (panic window asks for ").append(panicProposal == null ? "-" : panicProposal).append(" at ")
            .append(ready).append(" ready): ").append(wanted > current ? "scaling up now" : "not scaling down");
      }
    } else {
      panicTime = null;
      maxPanicPods = 0;
    }

    Integer predicted = null;
    if (policy.predictive() != null && current > 0) {
      predicted = predicted(policy.predictive(), spec, ready, now);
      if (predicted != null && predicted > desired && predicted > current) {
        HpaEngine.Request limits = new HpaEngine.Request(spec, current, replicas, metrics, recommendations, scaleEvents, now);
        int limit = panicTime != null ? Integer.MAX_VALUE : Math.max(current, HpaEngine.scaleUpLimit(current, limits, spec.scaleUp()));
        int wanted = Math.min(predicted, Math.min(spec.maxReplicas(), limit));
        if (wanted > desired) {
          message.append("; the forecast ").append(policy.predictive().coldStartSeconds()).append(" s ahead needs ").append(predicted)
              .append(": ").append(desired).append(" -> ").append(wanted);
          desired = wanted;
          reason = Reason.PREDICTIVE_SCALE_UP;
        }
      }
    }

    Integer fallbackCount = null;
    Fallback fallback = policy.fallback();
    if (fallback != null && failuresInARow >= fallback.failureThreshold()) {
      fallbackCount = Math.min(fallback.replicasAt(current), Math.max(spec.maxReplicas(), current));
      if (fallbackCount >= desired) {
        message.append("; metrics unusable for ").append(failuresInARow).append(" evaluation(s) (fallback after ")
            .append(fallback.failureThreshold()).append(", ").append(fallback.behavior().label()).append("): ")
            .append(fallbackCount > current ? "scaling to the fallback count " + fallbackCount : "holding " + current);
        desired = fallbackCount;
        reason = Reason.FALLBACK;
      }
    }

    int unpaused = desired;
    if (policy.pause().scaleUp() && desired > current) {
      message.append("; scale-up is paused: holding ").append(current).append(" instead of ").append(desired);
      desired = current;
      reason = Reason.SCALE_UP_PAUSED;
    } else if (policy.pause().scaleDown() && desired < current) {
      message.append("; scale-down is paused: holding ").append(current).append(" instead of ").append(desired);
      desired = current;
      reason = Reason.SCALE_DOWN_PAUSED;
    }

    if (e.record() != null || unpaused > beforeLayers) {
      int raw = e.record() == null ? 0 : e.record().replicas();
      recommendations.add(new History.Recommendation(now, unpaused > beforeLayers ? Math.max(raw, unpaused) : raw));
    }
    trim(policy, spec, now);
    return new PolicyDecision(e, desired, reason, message.toString(), name(schedule), spec.minReplicas(), spec.maxReplicas(),
        panicTime != null, panicProposal, predicted, failuresInARow, fallbackCount);
  }

  /**
   * A controller starting to scale the workload (a new policy, a restart, a new leader): as the HPA controller's
   * {@code recordInitialRecommendation}, the count it finds counts as recommended now, so nothing is removed before
   * a scale-down window of its own evidence. Does nothing when history is already held, nor after the first call (the
   * caller may call it before every evaluation). A one-off evaluation (the dry run of {@code /api/v1/evaluate}) does not
   * call it.
   */
  public void started(int current, Instant now) {
    if (!started && recommendations.isEmpty()) {
      recommendations.add(new History.Recommendation(now, current));
    }
    started = true; // once: a history emptied later (an outage outlasting the window) is not a new start
  }

  /** Remembers an applied scale change, for the rate limits of the next evaluations. */
  public void scaled(int from, int to, Instant at) {
    if (to != from) {
      scaleEvents.add(new History.ScaleEvent(at, to - from));
    }
  }

  /** Adds history recorded elsewhere (a dry evaluation's input): recommendations and applied scale changes. */
  public void remember(List<History.Recommendation> recorded, List<History.ScaleEvent> events) {
    recommendations.addAll(recorded);
    scaleEvents.addAll(events);
  }

  /** The recommendations held, oldest first. */
  public List<History.Recommendation> recommendations() {
    return List.copyOf(recommendations);
  }

  /** The recommendations held (diagnostics and tests). */
  public int remembered() {
    return recommendations.size();
  }

  /** Records each metric's level; true when some metric of the spec has no usable value. */
  private boolean recordLevels(AutoscalingPolicy policy, ScalingSpec spec, Map<String, MetricInput> metrics, Instant now) {
    boolean failed = false;
    boolean keep = policy.panic() != null || policy.predictive() != null;
    for (MetricSpec m : spec.metrics()) {
      Double level = level(m, metrics.get(m.name()));
      if (level == null) {
        failed = true;
      } else if (keep) {
        samples.computeIfAbsent(m.name(), k -> new SampleRing()).add(now.toEpochMilli(), level);
      }
    }
    return failed;
  }

  /** The panic window's proposal: the highest over the metrics of ceil(mean / target) (per replica) or its Value form. */
  private Integer panicProposal(Panic panic, ScalingSpec spec, int ready, Instant now) {
    long from = now.toEpochMilli() - panic.panicWindowMillis();
    Integer best = null;
    for (MetricSpec m : spec.metrics()) {
      double sum = 0;
      int n = 0;
      SampleRing ring = samples.get(m.name());
      // Newest first: only the panic window's few values are read.
      for (int i = ring == null ? -1 : ring.size() - 1; i >= 0 && ring.time(i) > from; i--) {
        if (ring.time(i) <= now.toEpochMilli()) {
          sum += ring.value(i);
          n++;
        }
      }
      if (n > 0) {
        int p = replicasFor(m, sum / n, ready);
        best = best == null ? p : Math.max(best, p);
      }
    }
    return best;
  }

  /** The forecast's proposal: the highest over the metrics of the count their forecast level needs. */
  private Integer predicted(Predictive predictive, ScalingSpec spec, int ready, Instant now) {
    long nowMillis = now.toEpochMilli();
    long from = nowMillis - predictive.lookbackSeconds() * 1000L;
    Integer best = null;
    for (MetricSpec m : spec.metrics()) {
      SampleRing held = samples.get(m.name());
      Double forecast = held == null ? null : Predictive.forecast(held, from, nowMillis + predictive.coldStartSeconds() * 1000L,
          predictive.lookbackSeconds() * 250L);
      if (forecast != null) {
        int p = replicasFor(m, forecast, ready); // as the HPA scales a Value by its ready pods: loading ones do not compound it
        best = best == null ? p : Math.max(best, p);
      }
    }
    return best;
  }

  /** Replicas a metric level needs: ceil(level / target) for a per-replica target, ceil(n × level / target) otherwise. */
  private static int replicasFor(MetricSpec m, double level, int n) {
    return m.type() == TargetType.AVERAGE_VALUE ? HpaEngine.ceil(level / m.target()) : HpaEngine.ceil(Math.max(1, n) * level / m.target());
  }

  /** A metric's workload-level value: the total (a sum of per-replica values) or, for Utilization, the mean; null when unusable. */
  static Double level(MetricSpec m, MetricInput input) {
    if (input == null) {
      return null;
    }
    double v;
    switch (input) {
      case MetricInput.Total t -> v = t.value();
      case MetricInput.PerReplica p -> {
        double sum = 0;
        int n = 0;
        for (Double x : p.values().values()) {
          if (x != null && Double.isFinite(x)) {
            sum += x;
            n++;
          }
        }
        if (n == 0) {
          return null;
        }
        v = m.type() == TargetType.UTILIZATION ? sum / n : sum;
      }
    }
    return Double.isFinite(v) && v >= 0 ? v : null;
  }

  private void trim(AutoscalingPolicy policy, ScalingSpec spec, Instant now) {
    Instant recCutoff = now.minusSeconds(Math.max(spec.scaleUp().stabilizationWindowSeconds(), spec.scaleDown().stabilizationWindowSeconds()));
    recommendations.removeIf(r -> !r.at().isAfter(recCutoff));
    int longestPeriod = 0;
    for (ScalingRules rules : List.of(spec.scaleUp(), spec.scaleDown())) {
      for (ScalingPolicy p : rules.policies()) {
        longestPeriod = Math.max(longestPeriod, p.periodSeconds());
      }
    }
    Instant eventCutoff = now.minusSeconds(longestPeriod);
    scaleEvents.removeIf(ev -> !ev.at().isAfter(eventCutoff));
    long sampleCutoff = now.toEpochMilli() - policy.sampleRetentionMillis();
    for (Iterator<SampleRing> it = samples.values().iterator(); it.hasNext(); ) {
      SampleRing ring = it.next();
      ring.dropUntil(sampleCutoff);
      if (ring.isEmpty()) {
        it.remove();
      }
    }
  }

  private static int ready(int current, List<Replica> replicas) {
    if (replicas == null || replicas.isEmpty()) {
      return current;
    }
    int n = 0;
    for (Replica r : replicas) {
      if (r.ready()) {
        n++;
      }
    }
    return n;
  }

  private static String name(Schedule s) {
    return s == null ? null : s.name();
  }
}
