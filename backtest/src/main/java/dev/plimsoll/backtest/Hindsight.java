package dev.plimsoll.backtest;

import dev.plimsoll.fleet.trace.Trace;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The fewest replicas that, held fixed for the whole trace, meet the SLO: a schedule chosen with hindsight (so an
 * upper bound of the optimum, where {@link Oracle} gives a lower one — the optimum lies between) and the yardstick of a
 * team that provisions for its peak instead of autoscaling.
 */
public final class Hindsight {
  private Hindsight() {}

  /** A fixed count, starting with that many replicas ready. */
  static Autoscaler fixed(int replicas) {
    return new Autoscaler() {
      @Override
      public String name() {
        return "best-fixed-" + replicas;
      }

      @Override
      public double intervalSeconds() {
        return 60;
      }

      @Override
      public int desired(Observation seen, int current, int ready, double now) {
        return replicas;
      }
    };
  }

  /** The segments of the planned schedule the comparisons show: 5 minutes. */
  public static final double PLAN_SEGMENT_SECONDS = 300;

  /**
   * The run of the fewest fixed replicas meeting the SLO in {@link Backtest#MINUTE_TARGET} of the minutes, found by
   * {@link #fewest} from the setup's starting count; empty when even the most the GPUs allow do not.
   */
  public static Optional<Backtest.Result> fewestFixedReplicas(Trace trace, Backtest.Setup setup) {
    return fewestFixedReplicas(trace, setup, line -> {});
  }

  /** {@link #fewestFixedReplicas(Trace, Backtest.Setup)}, telling {@code progress} of each count replayed. */
  public static Optional<Backtest.Result> fewestFixedReplicas(Trace trace, Backtest.Setup setup, Consumer<String> progress) {
    int max = Math.max(1, setup.maxGpus() / setup.profile().gpusPerReplica());
    Map<Integer, Backtest.Result> runs = new HashMap<>(); // the counts tried: a few dozen at most
    OptionalInt fewest = fewest(setup.initialReplicas(), max, count -> {
      Backtest.Result r = run(trace, setup, count);
      runs.put(count, r);
      progress.accept(String.format(Locale.ROOT, "fixed %d replica(s): %.1f %% of minutes", count, 100 * r.minuteAttainment()));
      return r.minuteAttainment() >= Backtest.MINUTE_TARGET;
    });
    return fewest.isPresent() ? Optional.of(runs.get(fewest.getAsInt())) : Optional.empty();
  }

  /**
   * The fewest replicas in {@code 1..max} for which {@code meets} holds, where it holds for every count above one
   * for which it does (more replicas never serve worse; 0 serves nothing): galloping from {@code guess}, usually near,
   * then bisection between the last count that fails and the first that meets. Empty when even {@code max} fails.
   */
  static OptionalInt fewest(int guess, int max, IntPredicate meets) {
    int start = Math.max(1, Math.min(max, guess));
    int low;
    int high;
    if (meets.test(start)) {
      high = start;
      low = start - 1;
      for (int step = 1; low > 0 && meets.test(low); step *= 2) {
        high = low;
        low = (int) Math.max(0, high - 2L * step);
      }
    } else {
      low = start;
      high = Math.min(max, start + 1);
      for (int step = 1; high == low || !meets.test(high); step *= 2) {
        if (high == max) {
          return OptionalInt.empty();
        }
        low = high;
        high = (int) Math.min(max, high + 2L * step);
      }
    }
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      if (meets.test(mid)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return OptionalInt.of(high);
  }

  private static Backtest.Result run(Trace trace, Backtest.Setup setup, int replicas) {
    Backtest.Setup fixed = setup.startingWith(replicas);
    return Backtest.run(trace, fixed, fixed(replicas));
  }

  /**
   * A schedule planned with hindsight, segment by segment: for each {@code segmentSeconds} in turn, the fewest replicas
   * that meet the SLO in every scored minute of that segment given the counts already chosen for the ones before it,
   * each count asked for one cold start before its segment begins (so its replicas serve from the start) and held
   * until the end-to-end target has passed after the segment ends (so no request of it is cut short by a scale-down). Greedy, so not the optimum — but an achievable schedule with perfect knowledge of the future,
   * so an upper bound of the optimum, and one that follows the load where {@link #fewestFixedReplicas} holds the peak.
   * Segments longer than a minute are then {@linkplain #refined refined minute by minute}. Empty when a segment cannot
   * be met even with the most replicas the GPUs allow, or the whole schedule still misses the SLO after its repairs.
   */
  public static Optional<Backtest.Result> plan(Trace trace, Backtest.Setup setup, double segmentSeconds) {
    return plan(trace, setup, segmentSeconds, line -> {});
  }

  /** {@link #plan(Trace, Backtest.Setup, double)}, telling {@code progress} of each segment planned. */
  public static Optional<Backtest.Result> plan(Trace trace, Backtest.Setup setup, double segmentSeconds, Consumer<String> progress) {
    if (!(segmentSeconds >= 60) || segmentSeconds % 60 != 0) {
      throw new IllegalArgumentException("segments must be whole minutes, got " + segmentSeconds + " s");
    }
    int max = Math.max(1, setup.maxGpus() / setup.profile().gpusPerReplica());
    double span = trace.spanSeconds();
    int segments = (int) Math.max(1, Math.ceil((span + 1e-9) / segmentSeconds));
    int[] counts = new int[segments];
    for (int k = 0; k < segments; k++) {
      double from = k * segmentSeconds;
      double to = from + segmentSeconds;
      if (to <= setup.warmupSeconds()) {
        counts[k] = k == 0 ? setup.initialReplicas() : counts[k - 1]; // not scored: keep what the fleet had
        continue;
      }
      final int segment = k;
      OptionalInt fewest = fewest(k == 0 ? setup.initialReplicas() : counts[k - 1], max,
          count -> meets(trace, setup, counts, segment, count, segmentSeconds, from, to));
      if (fewest.isEmpty()) {
        return Optional.empty(); // not even the most the GPUs allow
      }
      counts[k] = fewest.getAsInt();
      progress.accept(String.format(Locale.ROOT, "plan: segment %d of %d, %d replica(s)", k + 1, segments, counts[k]));
    }
    // A segment was judged with the later ones at its own count: where the final schedule, with theirs, still misses a
    // minute, that minute's segment gets one more replica, a few times at most.
    Backtest.Result result = null;
    for (int repair = 0; repair <= 5; repair++) {
      result = runPlanned(trace, setup, counts, segmentSeconds);
      boolean raised = false;
      for (Backtest.Minute m : result.minutes()) {
        int k = (int) Math.min(segments - 1, Math.floor(m.minute() * 60 / segmentSeconds));
        if (!m.met() && counts[k] < max) {
          counts[k]++;
          raised = true;
        }
      }
      if (!raised) {
        break;
      }
    }
    if (result.minuteAttainment() < Backtest.MINUTE_TARGET) {
      return Optional.empty();
    }
    return Optional.of(segmentSeconds > 60 ? refined(trace, setup, counts, segmentSeconds, result, progress) : result);
  }

  /** Passes of {@link #refined} over the minutes at most. */
  static final int REFINE_PASSES = 2;

  /**
   * The plan refined minute by minute, a descent: its counts taken per minute, then, last minute first, one replica
   * fewer in each scored minute wherever the whole schedule still meets the SLO in {@link Backtest#MINUTE_TARGET} of
   * the minutes with fewer GPU-hours; {@value #REFINE_PASSES} passes at most. Every schedule it keeps was replayed, so
   * it stays achievable (an upper bound of the optimum) and never above the plan it starts from.
   */
  private static Backtest.Result refined(Trace trace, Backtest.Setup setup, int[] counts, double segmentSeconds, Backtest.Result plan,
      Consumer<String> progress) {
    int perSegment = (int) (segmentSeconds / 60);
    int[] minutes = new int[counts.length * perSegment];
    for (int m = 0; m < minutes.length; m++) {
      minutes[m] = counts[m / perSegment];
    }
    Backtest.Result best = plan;
    for (int pass = 1; pass <= REFINE_PASSES; pass++) {
      boolean better = false;
      for (int m = minutes.length - 1; m >= 0; m--) {
        if (minutes[m] <= 1 || 60.0 * m < setup.warmupSeconds()) {
          continue; // one replica is the least a minute keeps; the warm-up's GPU time is not counted
        }
        minutes[m]--;
        Backtest.Result r = runPlanned(trace, setup, minutes, 60);
        if (r.minuteAttainment() >= Backtest.MINUTE_TARGET && r.gpuHours() < best.gpuHours()) {
          best = r;
          better = true;
        } else {
          minutes[m]++;
        }
      }
      progress.accept(String.format(Locale.ROOT, "plan: refined minute by minute, pass %d of %d: %.3f GPU-hours", pass, REFINE_PASSES,
          best.gpuHours()));
      if (!better) {
        break;
      }
    }
    return best;
  }

  private static Backtest.Result runPlanned(Trace trace, Backtest.Setup setup, int[] counts, double segmentSeconds) {
    Backtest.Setup start = setup.startingWith(counts[0]);
    return Backtest.run(trace, start, planned("best-plan", counts, segmentSeconds, setup.profile().modelLoadSeconds(),
        setup.slo().e2eSeconds()));
  }

  /** With {@code count} in segment {@code k} (and kept after it), do the scored minutes of {@code [from, to)} meet the SLO? */
  private static boolean meets(Trace trace, Backtest.Setup setup, int[] counts, int k, int count, double segmentSeconds, double from,
      double to) {
    int[] trial = Arrays.copyOf(counts, k + 1);
    trial[k] = count;
    // The requests arriving while the segment's own finish (within the end-to-end target) share their replicas.
    Trace upTo = dev.plimsoll.fleet.trace.Traces.window(trace, 0, to + setup.slo().e2eSeconds());
    Backtest.Setup start = setup.startingWith(trial[0]);
    Backtest.Result r = Backtest.run(upTo, start, planned("trial", trial, segmentSeconds, setup.profile().modelLoadSeconds(),
        setup.slo().e2eSeconds()));
    for (Backtest.Minute m : r.minutes()) {
      if (m.minute() * 60 >= from && m.minute() * 60 < to && !m.met()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Asks for each segment's count {@code leadSeconds} before it begins and keeps it {@code holdSeconds} after it ends:
   * the largest of the counts of the segments at those three times.
   */
  static Autoscaler planned(String name, int[] counts, double segmentSeconds, double leadSeconds, double holdSeconds) {
    return new Autoscaler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double intervalSeconds() {
        return 1;
      }

      @Override
      public int desired(Observation seen, int current, int ready, double now) {
        return Math.max(Math.max(at(now), at(now + leadSeconds)), at(Math.max(0, now - holdSeconds)));
      }

      private int at(double t) {
        return counts[(int) Math.min(counts.length - 1, Math.floor(t / segmentSeconds))];
      }
    };
  }
}
