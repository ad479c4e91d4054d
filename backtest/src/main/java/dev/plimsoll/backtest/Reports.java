package dev.plimsoll.backtest;

import java.util.List;
import java.util.Locale;

/** A comparison's results as text: each run's timeline as CSV and JSON, and the comparison table. Plain Java. */
public final class Reports {
  private Reports() {}

  /** {@code autoscaler,at,replicas,ready,queue_depth,running}, one row per sample of every run. */
  public static String timelineCsv(List<Backtest.Result> results) {
    StringBuilder b = new StringBuilder("autoscaler,at,replicas,ready,queue_depth,running\n");
    for (Backtest.Result r : results) {
      for (Backtest.Sample s : r.timeline()) {
        b.append(r.autoscaler()).append(',').append(num(s.at())).append(',').append(s.replicas()).append(',').append(s.ready()).append(',')
            .append(num(s.queueDepth())).append(',').append(num(s.running())).append('\n');
      }
    }
    return b.toString();
  }

  /** {@code {"<autoscaler>": [{"at","replicas","ready","queueDepth","running"}, ...], ...}}. */
  public static String timelineJson(List<Backtest.Result> results) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < results.size(); i++) {
      Backtest.Result r = results.get(i);
      b.append(i == 0 ? "" : ",").append('"').append(r.autoscaler().replace("\"", "")).append("\":[");
      for (int k = 0; k < r.timeline().size(); k++) {
        Backtest.Sample s = r.timeline().get(k);
        b.append(k == 0 ? "" : ",").append("{\"at\":").append(num(s.at())).append(",\"replicas\":").append(s.replicas()).append(",\"ready\":")
            .append(s.ready()).append(",\"queueDepth\":").append(num(s.queueDepth())).append(",\"running\":").append(num(s.running())).append('}');
      }
      b.append(']');
    }
    return b.append('}').toString();
  }

  /** The comparison table: the oracle's bound, then one row per run. */
  public static String table(double oracleGpuHours, List<Backtest.Result> results) {
    return table(oracleGpuHours, List.of(), results);
  }

  /**
   * The comparison table: the oracle's bound, the schedules found with hindsight (upper bounds), then one row per run,
   * each against the bound ({@code × bound}) and against the best schedule found with hindsight ({@code × hindsight},
   * "-" without one): the optimum lies between the two.
   */
  public static String table(double oracleGpuHours, List<Backtest.Result> hindsight, List<Backtest.Result> results) {
    double best = hindsight.stream().mapToDouble(Backtest.Result::gpuHours).min().orElse(Double.NaN);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %10s %8s %11s %10s %10s %8s %8s %10s%n", "autoscaler", "GPU-hours",
        "× bound", "× hindsight", "minutes", "requests", "actions", "dropped", "peak queue"));
    b.append(String.format(Locale.ROOT, "%-16s %10.2f %8s %11s %10s %10s   (lower bound)%n", "oracle-bound", oracleGpuHours,
        ratio(oracleGpuHours, oracleGpuHours), ratio(oracleGpuHours, best), "-", "-"));
    for (Backtest.Result r : hindsight) {
      b.append(String.format(Locale.ROOT, "%-16s %10.2f %8s %11s %9.1f%% %9.1f%%   (chosen with hindsight: an upper bound)%n", r.autoscaler(),
          r.gpuHours(), ratio(r.gpuHours(), oracleGpuHours), ratio(r.gpuHours(), best), 100 * r.minuteAttainment(), 100 * r.requestAttainment()));
    }
    for (Backtest.Result r : results) {
      b.append(String.format(Locale.ROOT, "%-16s %10.2f %8s %11s %9.1f%% %9.1f%% %8d %8d %10.0f%n", r.autoscaler(), r.gpuHours(),
          ratio(r.gpuHours(), oracleGpuHours), ratio(r.gpuHours(), best), 100 * r.minuteAttainment(), 100 * r.requestAttainment(),
          r.scaleActions(), r.dropped(), r.peakQueue()));
    }
    return b.toString();
  }

  /** {@code gpuHours / of} to two decimals, "-" where {@code of} is not positive (no bound, no hindsight schedule). */
  static String ratio(double gpuHours, double of) {
    return of > 0 ? String.format(Locale.ROOT, "%.2f", gpuHours / of) : "-";
  }

  /** {@code work_load_target,e2e_load_target,gpu_hours,minute_attainment,request_attainment}, one row per sweep point (0: left out). */
  public static String sweepCsv(List<Sweep.Point> points) {
    StringBuilder b = new StringBuilder("work_load_target,e2e_load_target,gpu_hours,minute_attainment,request_attainment\n");
    for (Sweep.Point p : points) {
      b.append(String.format(Locale.ROOT, "%.2f,%.2f,%.4f,%.4f,%.4f%n", p.targets().workLoad(), p.targets().e2eLoad(), p.result().gpuHours(),
          p.result().minuteAttainment(), p.result().requestAttainment()));
    }
    return b.toString();
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
