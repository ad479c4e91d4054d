package dev.plimsoll.backtest;

import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.AzureTraceReader;
import dev.plimsoll.fleet.trace.MooncakeTraceReader;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.TraceFormatException;
import dev.plimsoll.fleet.trace.Traces;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code backtest TRACE [--profile NAME] [--time-scale F] [--max-gpus N]}: replays a trace (Azure CSV or Mooncake
 * JSONL, by its ending) under every baseline and Plimsoll's policy and prints one row each.
 */
public final class BacktestCommand {
  /** The planned schedule's segments: 5 minutes. */
  static final double PLAN_SEGMENT_SECONDS = 300;

  private BacktestCommand() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: backtest TRACE.csv|TRACE.jsonl [--profile " + String.join("|", ModelProfile.known().stream().map(ModelProfile::name)
          .toList()) + "] [--time-scale 1] [--max-gpus 64] [--ttft SECONDS] [--e2e SECONDS]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String profileName = option(args, "--profile", ModelProfile.LLAMA_3_1_8B_H100.name());
    ModelProfile profile = ModelProfile.named(profileName).orElse(null);
    if (profile == null) {
      System.err.println("unknown profile " + profileName + "; known: " + ModelProfile.known().stream().map(ModelProfile::name).toList());
      System.exit(2);
      return;
    }
    double scale = Double.parseDouble(option(args, "--time-scale", "1"));
    int maxGpus = Integer.parseInt(option(args, "--max-gpus", "64"));
    Trace trace;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      trace = file.toString().endsWith(".jsonl") ? MooncakeTraceReader.readAll(in) : AzureTraceReader.readAll(in);
    } catch (TraceFormatException e) {
      System.err.println(file + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    if (scale != 1) {
      trace = Traces.timeScaled(trace, scale);
    }
    String ttft = option(args, "--ttft", null);
    String e2e = option(args, "--e2e", null);
    Backtest.Slo slo = Backtest.Slo.forTrace(trace, profile).with(ttft == null ? null : Double.valueOf(ttft),
        e2e == null ? null : Double.valueOf(e2e));
    Backtest.Setup setup = Backtest.Setup.forTrace(trace, profile, maxGpus, slo);
    System.out.printf(Locale.ROOT, "%s: %d requests over %.0f s; %s; SLO: TTFT p95 <= %.1f s and end to end p95 <= %.0f s in %.0f %% of"
            + " minutes; %d replica(s) at the start; first %.0f s warm-up (not scored)%n", file.getFileName(), trace.size(),
        trace.spanSeconds(), profile.name(), slo.ttftSeconds(), slo.e2eSeconds(), 100 * Backtest.MINUTE_TARGET, setup.initialReplicas(),
        setup.warmupSeconds());
    System.out.printf(Locale.ROOT, "%-16s %10s %8s %10s %10s %8s %8s %10s%n", "autoscaler", "GPU-hours", "× bound", "minutes", "requests",
        "actions", "dropped", "peak queue");
    Oracle.Bound bound = Oracle.bound(trace, setup);
    System.out.printf(Locale.ROOT, "%-16s %10.3f %8s %10s %10s   (a lower bound: the largest of work %.3f, presence %.3f and peaks %.3f,"
        + " see Oracle)%n", "oracle-bound", bound.gpuHours(), "1.00", "-", "-", bound.workGpuHours(), bound.presenceGpuHours(),
        bound.peakGpuHours());
    Hindsight.fewestFixedReplicas(trace, setup).ifPresentOrElse(r -> System.out.printf(Locale.ROOT,
        "%-16s %10.3f %8.2f %9.1f%% %9.1f%%   (the fewest replicas that, fixed with hindsight, meet the SLO: an upper bound)%n",
        r.autoscaler(), r.gpuHours(), ratio(r.gpuHours(), bound.gpuHours()), 100 * r.minuteAttainment(), 100 * r.requestAttainment()),
        () -> System.out.println("best-fixed       (no fixed count within --max-gpus meets the SLO)"));
    Hindsight.plan(trace, setup, PLAN_SEGMENT_SECONDS).ifPresentOrElse(r -> System.out.printf(Locale.ROOT,
        "%-16s %10.3f %8.2f %9.1f%% %9.1f%% %8d   (the fewest replicas per %.0f minutes, planned with hindsight: an upper bound)%n",
        r.autoscaler(), r.gpuHours(), ratio(r.gpuHours(), bound.gpuHours()), 100 * r.minuteAttainment(), 100 * r.requestAttainment(),
        r.scaleActions(), PLAN_SEGMENT_SECONDS / 60),
        () -> System.out.println("best-plan        (some segment cannot meet the SLO within --max-gpus)"));
    for (Autoscaler a : Baselines.all(profile, maxGpus / profile.gpusPerReplica())) {
      long t0 = System.nanoTime();
      Backtest.Result r = Backtest.run(trace, setup, a);
      System.out.printf(Locale.ROOT, "%-16s %10.3f %8.2f %9.1f%% %9.1f%% %8d %8d %10.0f   (%.1f s)%n", r.autoscaler(), r.gpuHours(),
          ratio(r.gpuHours(), bound.gpuHours()), 100 * r.minuteAttainment(), 100 * r.requestAttainment(), r.scaleActions(), r.dropped(),
          r.peakQueue(), (System.nanoTime() - t0) / 1e9);
    }
  }

  private static double ratio(double gpuHours, double bound) {
    return bound > 0 ? gpuHours / bound : Double.NaN;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
