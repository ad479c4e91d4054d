package dev.plimsoll.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A whole scaling policy: the HPA-shaped {@link ScalingSpec} and the layers Plimsoll adds for AI workloads,
 * each optional. {@link WorkloadScaler} applies them in this order: schedule bounds → the HPA engine →
 * panic → predictive scale-up → fallback → pause.
 *
 * @param spec min/max, metrics (with activation thresholds) and behavior
 * @param schedules time-of-day bounds; never two open at once
 * @param panic Knative-style panic mode, or null
 * @param predictive forecast scale-up, or null
 * @param fallback what to do when metrics stay unusable, or null (hold, as the HPA)
 * @param pause directions that are paused
 */
public record AutoscalingPolicy(ScalingSpec spec, List<Schedule> schedules, Panic panic, Predictive predictive, Fallback fallback,
    Pause pause) {

  public AutoscalingPolicy {
    Objects.requireNonNull(spec, "spec");
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    pause = pause == null ? Pause.NONE : pause;
    for (int i = 0; i < schedules.size(); i++) {
      for (int j = i + 1; j < schedules.size(); j++) {
        if (Schedule.overlap(schedules.get(i), schedules.get(j))) {
          throw new IllegalArgumentException("schedules " + schedules.get(i).name() + " and " + schedules.get(j).name() + " overlap");
        }
      }
    }
  }

  /** Only the HPA spec, no layers. */
  public static AutoscalingPolicy of(ScalingSpec spec) {
    return new AutoscalingPolicy(spec, List.of(), null, null, null, Pause.NONE);
  }

  /** The schedule open at {@code t}, or null. */
  public Schedule scheduleAt(Instant t) {
    for (Schedule s : schedules) {
      if (s.covers(t)) {
        return s;
      }
    }
    return null;
  }

  /**
   * The spec in force at {@code t}: the open schedule's bounds replace the policy's; when a schedule's floor is
   * above the policy's ceiling the ceiling rises to it (and the reverse), so the bounds stay consistent.
   */
  public ScalingSpec specAt(Instant t) {
    Schedule s = scheduleAt(t);
    if (s == null) {
      return spec;
    }
    int min = s.minReplicas() == null ? spec.minReplicas() : s.minReplicas();
    int max = s.maxReplicas() == null ? spec.maxReplicas() : s.maxReplicas();
    if (s.minReplicas() != null && max < min) {
      max = min;
    } else if (max < min) {
      min = max;
    }
    return new ScalingSpec(min, max, spec.metrics(), spec.scaleUp(), spec.scaleDown());
  }

  /** How far back values must be kept for panic and prediction, in milliseconds. */
  long sampleRetentionMillis() {
    long keep = 0;
    if (panic != null) {
      keep = Math.max(keep, panic.panicWindowMillis());
    }
    if (predictive != null) {
      keep = Math.max(keep, predictive.lookbackSeconds() * 1000L);
    }
    return keep;
  }
}
