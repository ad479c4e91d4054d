package dev.plimsoll.backtest;

import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.TraceFormat;
import dev.plimsoll.fleet.trace.TraceFormatException;
import dev.plimsoll.fleet.trace.Traces;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code backtest TRACE [--profile NAME] [--time-scale F] [--max-gpus N] [--ttft S] [--e2e S] [--from S] [--to S] [--work-load-target F] [--e2e-load-target F] [--termination-grace S] [--sweep] [--out DIR]}: replays a
 * trace (Azure or BurstGPT CSV, or Mooncake JSONL, told from its first line) under every baseline and Plimsoll's policy, prints one row each
 * as it finishes and, with {@code --out}, writes the comparison, the timelines (CSV and JSON) and the replica chart
 * (PNG) into a directory; what the hindsight searches replay goes to standard error as they go. Exit status 0 on success, 1 when the trace cannot be read, 2 on a wrong command line.
 */
public final class BacktestCommand {
  static final String USAGE = "usage: backtest TRACE [--profile " + String.join("|",
      ModelProfile.known().stream().map(ModelProfile::name).toList()) + "] [--time-scale F] [--max-gpus N] [--ttft SECONDS]"
      + " [--e2e SECONDS] [--from SECONDS] [--to SECONDS] [--work-load-target F] [--e2e-load-target F] [--termination-grace SECONDS]"
      + " [--sweep] [--out DIR]\n"
      + "  TRACE         an Azure LLM inference trace (2023 or 2024) or a BurstGPT trace (CSV), or a Mooncake trace (JSONL)\n"
      + "  --profile     the model profile replayed (default " + ModelProfile.LLAMA_3_1_8B_H100.name() + ")\n"
      + "  --time-scale  stretch (> 1) or compress (< 1) the trace's time (default 1)\n"
      + "  --max-gpus    GPUs available to every autoscaler (default 64)\n"
      + "  --ttft, --e2e SLO targets in seconds (default: derived from the trace and the model, see Backtest.Slo)\n"
      + "  --from, --to  replay only the requests arriving in [from, to) seconds after the trace's first one (before\n"
      + "                --time-scale): a day of a week-long trace, say (default: all of it)\n"
      + "  --work-load-target, --e2e-load-target\n"
      + "                Plimsoll's policy with other targets per replica, in (0, 1]: work_load (default " + Baselines.LOAD_TARGET + ") and\n"
      + "                e2e_load, work_load with prefill repriced for the end-to-end target (default " + Baselines.E2E_LOAD_TARGET
      + "; 0 leaves it out)\n"
      + "  --termination-grace\n"
      + "                how long a replica removed by a scale-down finishes its running requests before the rest are cut\n"
      + "                off, holding its GPUs: the pods' terminationGracePeriodSeconds (default " + fmtSeconds(Backtest.TERMINATION_GRACE_SECONDS)
      + ", Kubernetes')\n"
      + "  --sweep       also replay Plimsoll's policy over a grid of load targets (work_load " + Sweep.LOWEST + " to 1, e2e_load off or\n"
      + "                " + Sweep.LOWEST + " to 1, steps of " + Sweep.STEP + ") and name the cheapest that met the SLO, against the bound and\n"
      + "                the best schedule found with hindsight\n"
      + "  --out         a directory to write comparison.txt, timeline.csv, timeline.json and replicas.png into (with --sweep,\n"
      + "                sweep.csv and sweep.png too)";

  private BacktestCommand() {}

  private static String fmtSeconds(double seconds) {
    return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
  }

  /** A wrong command line: the message says what is wrong, the usage follows it. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** The command line, checked. {@code ttft} and {@code e2e} are null where the SLO derived from the trace is kept. */
  record Options(Path trace, ModelProfile profile, double timeScale, int maxGpus, Double ttft, Double e2e, double from, double to,
      Baselines.Targets targets, double terminationGrace, boolean sweep, Path out) {
    static final int DEFAULT_MAX_GPUS = 64;
    static final Set<String> OPTIONS = Set.of("--profile", "--time-scale", "--max-gpus", "--ttft", "--e2e", "--from",
        "--to", "--work-load-target", "--e2e-load-target", "--termination-grace", "--out");

    /** Parses the arguments; {@link Optional#empty()} when help was asked for. */
    static Optional<Options> parse(String... args) throws UsageException {
      Path trace = null;
      ModelProfile profile = ModelProfile.LLAMA_3_1_8B_H100;
      double timeScale = 1;
      int maxGpus = DEFAULT_MAX_GPUS;
      Double ttft = null;
      Double e2e = null;
      double from = 0;
      double to = Double.POSITIVE_INFINITY;
      double workLoad = Baselines.Targets.DEFAULT.workLoad();
      double e2eLoad = Baselines.Targets.DEFAULT.e2eLoad();
      double grace = Backtest.TERMINATION_GRACE_SECONDS;
      boolean sweep = false;
      boolean targetsGiven = false;
      Path out = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          return Optional.empty();
        }
        if (!arg.startsWith("--")) {
          if (trace != null) {
            throw new UsageException("one trace file only, got " + trace + " and " + arg);
          }
          trace = Path.of(arg);
          continue;
        }
        if (arg.equals("--sweep")) {
          sweep = true;
          continue;
        }
        if (!OPTIONS.contains(arg)) {
          throw new UsageException("unknown option " + arg);
        }
        if (i + 1 >= args.length) {
          throw new UsageException(arg + " needs a value");
        }
        String value = args[++i];
        switch (arg) {
          case "--profile" -> profile = ModelProfile.named(value).orElseThrow(() -> new UsageException("unknown profile " + value
              + "; known: " + String.join(", ", ModelProfile.known().stream().map(ModelProfile::name).toList())));
          case "--time-scale" -> timeScale = atMost(arg, positive(arg, value), Backtest.MAX_TIME_SCALE);
          case "--max-gpus" -> maxGpus = (int) atMost(arg, positiveInt(arg, value), Backtest.MAX_GPUS);
          case "--ttft" -> ttft = below(arg, positive(arg, value), Backtest.MAX_SLO_SECONDS);
          case "--e2e" -> e2e = below(arg, positive(arg, value), Backtest.MAX_SLO_SECONDS);
          case "--from" -> from = notNegative(arg, value);
          case "--to" -> to = positive(arg, value);
          case "--work-load-target" -> {
            workLoad = atMost(arg, positive(arg, value), 1);
            targetsGiven = true;
          }
          case "--e2e-load-target" -> {
            e2eLoad = atMost(arg, notNegative(arg, value), 1);
            targetsGiven = true;
          }
          case "--termination-grace" -> grace = atMost(arg, notNegative(arg, value), Backtest.MAX_TERMINATION_GRACE_SECONDS);
          case "--out" -> out = Path.of(value);
        }
      }
      if (trace == null) {
        throw new UsageException("a trace file is required");
      }
      if (maxGpus < profile.gpusPerReplica()) {
        throw new UsageException("--max-gpus " + maxGpus + " cannot hold one replica of " + profile.name() + " ("
            + profile.gpusPerReplica() + " GPUs)");
      }
      if (sweep && targetsGiven) {
        throw new UsageException("--sweep tries its own load targets: leave out --work-load-target and --e2e-load-target");
      }
      if (to <= from) {
        throw new UsageException("--to " + fmtSeconds(to) + " must be after --from " + fmtSeconds(from));
      }
      return Optional.of(new Options(trace, profile, timeScale, maxGpus, ttft, e2e, from, to, new Baselines.Targets(workLoad, e2eLoad), grace,
          sweep, out));
    }

    private static double positive(String option, String value) throws UsageException {
      return finite(option, value, false);
    }

    private static double notNegative(String option, String value) throws UsageException {
      return finite(option, value, true);
    }

    /** A finite number above 0, or at least 0 where {@code zeroToo}. */
    private static double finite(String option, String value, boolean zeroToo) throws UsageException {
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new UsageException(option + " must be a number, got " + value);
      }
      if (!(zeroToo ? v >= 0 : v > 0) || Double.isInfinite(v)) {
        throw new UsageException(option + " must be a finite number " + (zeroToo ? ">=" : ">") + " 0, got " + value);
      }
      return v;
    }

    private static double atMost(String option, double v, double limit) throws UsageException {
      if (v > limit) {
        throw new UsageException(option + " must be at most " + fmtSeconds(limit) + ", got " + fmtSeconds(v));
      }
      return v;
    }

    private static double below(String option, double v, double limit) throws UsageException {
      if (v >= limit) {
        throw new UsageException(option + " must be below " + fmtSeconds(limit) + " s, got " + fmtSeconds(v));
      }
      return v;
    }

    private static int positiveInt(String option, String value) throws UsageException {
      int v;
      try {
        v = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new UsageException(option + " must be a whole number, got " + value);
      }
      if (v <= 0) {
        throw new UsageException(option + " must be > 0, got " + value);
      }
      return v;
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      Optional<Options> parsed = Options.parse(args);
      if (parsed.isEmpty()) {
        out.println(USAGE);
        return 0;
      }
      options = parsed.get();
    } catch (UsageException e) {
      err.println("backtest: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Trace trace;
    try {
      trace = read(options.trace());
    } catch (TraceFormatException e) {
      err.println(options.trace() + ": " + e.getMessage());
      return 1;
    } catch (NoSuchFileException e) {
      err.println(options.trace() + ": no such file");
      return 1;
    } catch (AccessDeniedException e) {
      err.println(options.trace() + ": permission denied");
      return 1;
    } catch (IOException e) {
      err.println(options.trace() + ": cannot be read (" + e.getMessage() + ")");
      return 1;
    }
    if (trace.size() == 0) {
      err.println(options.trace() + ": the trace has no requests");
      return 1;
    }
    if (options.from() > 0 || options.to() < Double.POSITIVE_INFINITY) {
      double span = trace.spanSeconds();
      trace = Traces.window(trace, options.from(), options.to());
      if (trace.size() == 0) {
        err.println(String.format(Locale.ROOT, "%s: no requests arrive between --from and --to (its requests span %.0f s)",
            options.trace(), span));
        return 1;
      }
    }
    if (options.timeScale() != 1) {
      trace = Traces.timeScaled(trace, options.timeScale());
    }
    if (trace.spanSeconds() > Backtest.MAX_SPAN_SECONDS) {
      err.println(String.format(Locale.ROOT, "%s: the requests span %.0f s, more than the %.0f s (31 days) a backtest replays; replay a"
          + " window of it with --from and --to", options.trace(), trace.spanSeconds(), Backtest.MAX_SPAN_SECONDS));
      return 1;
    }
    try {
      compare(trace, options, out, err);
    } catch (IOException e) {
      err.println(options.out() + ": cannot write the results (" + e.getMessage() + ")");
      return 1;
    } catch (RuntimeException e) { // a bug or a limit not foreseen: said in a line, not a stack trace
      err.println("backtest: the replay failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      return 1;
    }
    return 0;
  }

  private static Trace read(Path file) throws IOException, TraceFormatException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return TraceFormat.readAny(in);
    }
  }

  /** Prints the comparison row by row as each run ends, then writes the files {@code --out} asks for. */
  private static void compare(Trace trace, Options options, PrintStream out, PrintStream err) throws IOException {
    if (options.out() != null) {
      Files.createDirectories(options.out()); // before the runs: a directory that cannot be made fails at once
    }
    ModelProfile profile = options.profile();
    Backtest.Slo slo = Backtest.Slo.forTrace(trace, profile).with(options.ttft(), options.e2e());
    Backtest.Setup setup = Backtest.Setup.forTrace(trace, profile, options.maxGpus(), slo).withTerminationGrace(options.terminationGrace());
    StringBuilder table = new StringBuilder();
    Consumer<String> row = line -> {
      out.println(line);
      table.append(line).append('\n');
    };
    row.accept(String.format(Locale.ROOT, "%s: %d requests over %.0f s; %s; SLO: TTFT p95 <= %.1f s and end to end p95 <= %.0f s in %.0f %%"
            + " of minutes; %d replica(s) at the start; first %.0f s warm-up (not scored); %s s termination grace; plimsoll on %s",
        options.trace().getFileName(), trace.size(), trace.spanSeconds(), profile.name(), slo.ttftSeconds(), slo.e2eSeconds(),
        100 * Backtest.MINUTE_TARGET, setup.initialReplicas(), setup.warmupSeconds(), fmtSeconds(setup.terminationGraceSeconds()),
        options.targets().describe()));
    row.accept(String.format(Locale.ROOT, "%-16s %10s %8s %11s %10s %10s %8s %8s %10s", "autoscaler", "GPU-hours", "× bound", "× hindsight",
        "minutes", "requests", "actions", "dropped", "peak queue"));
    Oracle.Bound bound = Oracle.bound(trace, setup);
    Consumer<String> progress = line -> err.println("… " + line); // long traces take a while: say what is being replayed
    Optional<Backtest.Result> fixed = Hindsight.fewestFixedReplicas(trace, setup, progress);
    Optional<Backtest.Result> plan = Hindsight.plan(trace, setup, Hindsight.PLAN_SEGMENT_SECONDS, progress);
    // The optimum lies between the bound and the better of the two schedules found with hindsight: each run against both.
    Optional<Backtest.Result> hindsight = Stream.concat(fixed.stream(), plan.stream()).min(Comparator.comparingDouble(Backtest.Result::gpuHours));
    Ratios ratios = new Ratios(bound.gpuHours(), hindsight.map(Backtest.Result::gpuHours).orElse(Double.NaN));
    row.accept(String.format(Locale.ROOT, "%-16s %10.3f %s %10s %10s   (a lower bound: the largest of work %.3f, presence %.3f and"
        + " peaks %.3f, see Oracle)", "oracle-bound", bound.gpuHours(), ratios.of(bound.gpuHours()), "-", "-", bound.workGpuHours(),
        bound.presenceGpuHours(), bound.peakGpuHours()));
    fixed.ifPresentOrElse(r -> row.accept(String.format(Locale.ROOT,
        "%-16s %10.3f %s %9.1f%% %9.1f%%   (the fewest replicas that, fixed with hindsight, meet the SLO: an upper bound)",
        r.autoscaler(), r.gpuHours(), ratios.of(r.gpuHours()), 100 * r.minuteAttainment(), 100 * r.requestAttainment())),
        () -> row.accept("best-fixed       (no fixed count within --max-gpus meets the SLO)"));
    plan.ifPresentOrElse(r -> row.accept(String.format(Locale.ROOT,
        "%-16s %10.3f %s %9.1f%% %9.1f%% %8d   (the fewest replicas per %.0f minutes, planned with hindsight and refined minute by minute: an upper bound)",
        r.autoscaler(), r.gpuHours(), ratios.of(r.gpuHours()), 100 * r.minuteAttainment(), 100 * r.requestAttainment(),
        r.scaleActions(), Hindsight.PLAN_SEGMENT_SECONDS / 60)),
        () -> row.accept("best-plan        (some segment cannot meet the SLO within --max-gpus)"));
    List<Backtest.Result> results = new ArrayList<>();
    int maxReplicas = options.maxGpus() / profile.gpusPerReplica();
    for (Autoscaler a : Baselines.all(profile, maxReplicas, options.targets())) {
      long t0 = System.nanoTime();
      Backtest.Result r = Backtest.run(trace, setup, a);
      results.add(r);
      row.accept(resultRow(r.autoscaler(), r, ratios) + String.format(Locale.ROOT, "   (%.1f s)", (System.nanoTime() - t0) / 1e9));
    }
    List<Sweep.Point> points = options.sweep() ? sweep(trace, setup, maxReplicas, bound, hindsight, ratios, row) : List.of();
    if (options.out() != null) {
      Path dir = options.out();
      String name = options.trace().getFileName() + " · " + profile.name();
      Files.writeString(dir.resolve("comparison.txt"), table);
      Files.writeString(dir.resolve("timeline.csv"), Reports.timelineCsv(results));
      Files.writeString(dir.resolve("timeline.json"), Reports.timelineJson(results));
      Files.write(dir.resolve("replicas.png"), Charts.replicasPng("replicas: " + name, results, 960, 540));
      if (options.sweep()) {
        Files.writeString(dir.resolve("sweep.csv"), Reports.sweepCsv(points));
        Files.write(dir.resolve("sweep.png"), Charts.sweepPng("load targets: " + name, points, bound.gpuHours(),
            hindsight.map(Backtest.Result::gpuHours).orElse(Double.NaN), 960, 540));
      }
      out.println("wrote " + (options.sweep() ? "comparison.txt, timeline.csv, timeline.json, replicas.png, sweep.csv and sweep.png"
          : "comparison.txt, timeline.csv, timeline.json and replicas.png") + " to " + dir);
    }
  }

  private static String resultRow(String name, Backtest.Result r, Ratios ratios) {
    return String.format(Locale.ROOT, "%-16s %10.3f %s %9.1f%% %9.1f%% %8d %8d %10.0f", name, r.gpuHours(), ratios.of(r.gpuHours()),
        100 * r.minuteAttainment(), 100 * r.requestAttainment(), r.scaleActions(), r.dropped(), r.peakQueue());
  }

  /**
   * GPU-hours against the oracle's lower bound and against the best schedule found with hindsight (NaN where neither
   * search found one): the optimum lies between the two.
   */
  private record Ratios(double bound, double hindsight) {
    /** The two ratios as the table's columns. */
    String of(double gpuHours) {
      return String.format(Locale.ROOT, "%8s %11s", Reports.ratio(gpuHours, bound), Reports.ratio(gpuHours, hindsight));
    }
  }

  /** The sweep's rows, one per pair of targets, and the cheapest pair that met the SLO against the bound and hindsight. */
  private static List<Sweep.Point> sweep(Trace trace, Backtest.Setup setup, int maxReplicas, Oracle.Bound bound,
      Optional<Backtest.Result> hindsight, Ratios ratios, Consumer<String> row) {
    List<Baselines.Targets> grid = Sweep.grid();
    row.accept(String.format(Locale.ROOT, "sweep: plimsoll with work_load's target (w) from %.2f to 1 and e2e_load's (e) off or from %.2f"
        + " to 1, in steps of %.2f (%d replays)", Sweep.LOWEST, Sweep.LOWEST, Sweep.STEP, grid.size()));
    List<Sweep.Point> points = Sweep.run(trace, setup, maxReplicas, Runtime.getRuntime().availableProcessors(), p -> row.accept(resultRow(String.format(Locale.ROOT, "w %.2f e %s",
        p.targets().workLoad(), p.targets().e2eLoad() > 0 ? String.format(Locale.ROOT, "%.2f", p.targets().e2eLoad()) : "off"), p.result(),
        ratios)));
    Sweep.cheapestMeetingSlo(points).ifPresentOrElse(p -> row.accept(String.format(Locale.ROOT,
        "cheapest meeting the SLO: %s, %.3f GPU-hours, %.2f× the bound%s", p.targets().describe(), p.result().gpuHours(),
        ratio(p.result().gpuHours(), bound.gpuHours()), hindsight.map(h -> String.format(Locale.ROOT,
            ", %.2f× the best schedule found with hindsight (%s, %.3f)", p.result().gpuHours() / h.gpuHours(), h.autoscaler(), h.gpuHours()))
            .orElse(""))),
        () -> row.accept("cheapest meeting the SLO: none of the grid's targets met it"));
    return points;
  }

  private static double ratio(double gpuHours, double bound) {
    return bound > 0 ? gpuHours / bound : Double.NaN;
  }
}
