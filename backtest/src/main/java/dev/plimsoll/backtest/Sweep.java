package dev.plimsoll.backtest;

import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Plimsoll's default policy replayed over a grid of load targets, to find the cheapest that would have met the SLO on
 * a trace: what a team tuning the policy to its own traffic would pick, and, with hindsight, how close a policy of
 * this shape can come to the best schedules ({@link Hindsight}). The grid: {@code work_load} from
 * {@value #LOWEST} to 1 and {@code e2e_load} left out or from {@value #LOWEST} to 1, both in steps of {@value #STEP}.
 * Everything else in the policy (KV cache, panic, forecast, scale-down window) stays as {@link Baselines#plimsoll}
 * has it.
 */
public final class Sweep {
  /** The lowest target tried. */
  static final double LOWEST = 0.6;
  /** The grid's step. */
  static final double STEP = 0.05;

  private Sweep() {}

  /** One point of the grid and what it did. */
  public record Point(Baselines.Targets targets, Backtest.Result result) {
    /** Whether it met the SLO overall: {@link Backtest#MINUTE_TARGET} of the scored minutes. */
    public boolean meetsSlo() {
      return result.minuteAttainment() >= Backtest.MINUTE_TARGET;
    }
  }

  /**
   * The targets tried, {@code work_load} outermost, lowest first; within each, {@code e2e_load} lowest first and left
   * out (0) last: from the most headroom to the least.
   */
  public static List<Baselines.Targets> grid() {
    List<Double> levels = new ArrayList<>();
    for (int i = 0; LOWEST + i * STEP <= 1 + 1e-9; i++) {
      levels.add(Math.round((LOWEST + i * STEP) * 100) / 100.0);
    }
    List<Baselines.Targets> grid = new ArrayList<>();
    for (double work : levels) {
      for (double e2e : levels) {
        grid.add(new Baselines.Targets(work, e2e));
      }
      grid.add(new Baselines.Targets(work, 0));
    }
    return List.copyOf(grid);
  }

  /** Replays the policy at every point of {@link #grid()} one after another, handing each point to {@code done} as it ends. */
  public static List<Point> run(Trace trace, Backtest.Setup setup, int maxReplicas, Consumer<Point> done) {
    return run(trace, setup, maxReplicas, 1, done);
  }

  /**
   * Replays the policy at every point of {@link #grid()} on up to {@code threads} threads (the replays share nothing and
   * are deterministic, so the points are the same as one after another), handing the points to {@code done} in grid
   * order as they end (on the calling thread).
   */
  public static List<Point> run(Trace trace, Backtest.Setup setup, int maxReplicas, int threads, Consumer<Point> done) {
    ModelProfile profile = setup.profile();
    Function<Baselines.Targets, Point> replay = targets -> new Point(targets, Backtest.run(trace, setup,
        Baselines.plimsoll(profile, maxReplicas, targets)));
    List<Baselines.Targets> grid = grid();
    List<Point> points = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, grid.size())), r -> Thread.ofPlatform().daemon().name("sweep")
        .unstarted(r));
    try {
      List<Future<Point>> futures = new ArrayList<>();
      for (Baselines.Targets targets : grid) {
        futures.add(pool.submit(() -> replay.apply(targets)));
      }
      for (Future<Point> f : futures) {
        Point p = f.get();
        points.add(p);
        done.accept(p);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the sweep was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return List.copyOf(points);
  }

  /**
   * The point that met the SLO with the fewest GPU-hours; among equals the one with more minutes, then more requests,
   * within the SLO, then the earlier in the grid (the more headroom for the same cost, {@link #grid()}).
   */
  public static Optional<Point> cheapestMeetingSlo(List<Point> points) {
    return points.stream().filter(Point::meetsSlo)
        .min(Comparator.comparingDouble((Point p) -> p.result().gpuHours())
            .thenComparing(p -> -p.result().minuteAttainment())
            .thenComparing(p -> -p.result().requestAttainment()));
  }
}
