package dev.plimsoll.backtest;

import dev.plimsoll.fleet.trace.Trace;
import java.util.Optional;

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

  /**
   * The run of the fewest fixed replicas meeting the SLO in {@link Backtest#MINUTE_TARGET} of the minutes, found by
   * bisection (more replicas never serve worse); empty when even the most the GPUs allow do not.
   */
  public static Optional<Backtest.Result> fewestFixedReplicas(Trace trace, Backtest.Setup setup) {
    int max = Math.max(1, setup.maxGpus() / setup.profile().gpusPerReplica());
    Backtest.Result most = run(trace, setup, max);
    if (most.minuteAttainment() < Backtest.MINUTE_TARGET) {
      return Optional.empty();
    }
    int low = 0; // known not to meet it (0 replicas serve nothing)
    int high = max;
    Backtest.Result best = most;
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      Backtest.Result r = run(trace, setup, mid);
      if (r.minuteAttainment() >= Backtest.MINUTE_TARGET) {
        high = mid;
        best = r;
      } else {
        low = mid;
      }
    }
    return Optional.of(best);
  }

  private static Backtest.Result run(Trace trace, Backtest.Setup setup, int replicas) {
    Backtest.Setup fixed = new Backtest.Setup(setup.profile(), replicas, setup.maxGpus(), setup.scrapeSeconds(), setup.slo(),
        setup.drainSeconds(), setup.warmupSeconds());
    return Backtest.run(trace, fixed, fixed(replicas));
  }
}
