// Policy variants measured in BENCHMARKS.md (issue 5) that are not shipped: Plimsoll's default policy with its forecast
// left out or another scale-down window, and a model-predictive prototype. Research code, not part of the build: run it
// as a single source file against the built backtest module (Java 25, after `./mvnw install -DskipTests`; ResearchCodeTest
// keeps it compiling):
//
//   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; CP="backtest/target/classes:backtest/target/lib/*"
//   $J -cp "$CP" backtest/research/PolicyVariants.java variant TRACE PROFILE WORK_TARGET E2E_TARGET FORECAST DOWN MAX_GPUS
//       FORECAST 1 (the default) or 0; DOWN the scale-down window in seconds, -1 for the default's
//       (BENCHMARKS: "without the forecast": ... 0.8 0.8 0 -1 256, and 512 GPUs for the held-out traces)
//   $J -cp "$CP" backtest/research/PolicyVariants.java mpc TRACE PROFILE MARGIN WINDOW DOWN MAX_GPUS [live]
//       every 15 s, the fewest replicas that would have met the SLO in every minute had the last WINDOW seconds'
//       requests arrived MARGIN times faster, replayed through the fleet model from an empty fleet; with "live", the
//       queue is added as requests at the window's start and the window is compressed by the arrival trend one cold
//       start ahead as well; scale-down held for DOWN seconds (BENCHMARKS: 1.15 300 DOWN and 1.1 300 DOWN live, DOWN
//       430 for the 70B profiles, 300 for the 8B ones)
//   $J -cp "$CP" backtest/research/PolicyVariants.java grid TRACE PROFILE MAX_GPUS [csv]
//       every setting of the policy's four knobs at once, chosen with hindsight for this one run: work_load 0.8..1 and
//       e2e_load off or 0.8..1 (steps of 0.05), the forecast on or off, the scale-down window one cold start (60 s at
//       least), 120 s, 300 s, 600 s or the default's (300 settings); replayed on every core; prints how many settings meet the SLO in
//       99 % of minutes and the cheapest three that do, or with "csv" one row per setting (the input of
//       backtest/research/grid_pareto.py; BENCHMARKS: "the policy's knobs chosen with hindsight")
//
// Prints one line (grid: four): the trace, the profile, the variant and its GPU-hours and SLO attainment, scored as the
// command line scores Plimsoll's default policy (same SLO, setup and warm-up).

import dev.plimsoll.backtest.Autoscaler;
import dev.plimsoll.backtest.Backtest;
import dev.plimsoll.backtest.Baselines;
import dev.plimsoll.backtest.Observation;
import dev.plimsoll.backtest.PolicyAutoscaler;
import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.TraceFormat;
import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.Panic;
import dev.plimsoll.scaling.Pause;
import dev.plimsoll.scaling.Predictive;
import dev.plimsoll.scaling.ScalingRules;
import dev.plimsoll.scaling.ScalingSpec;
import dev.plimsoll.scaling.TargetType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public class PolicyVariants {
  public static void main(String[] a) throws Exception {
    if ((a.length == 4 || a.length == 5 && a[4].equals("csv")) && a[0].equals("grid")) {
      grid(a);
      return;
    }
    if (a.length < 7 || !(a[0].equals("variant") || a[0].equals("mpc"))) {
      System.err.println("usage: see the header of backtest/research/PolicyVariants.java");
      System.exit(2);
    }
    Trace trace;
    try (var in = Files.newBufferedReader(Path.of(a[1]))) {
      trace = TraceFormat.readAny(in);
    }
    ModelProfile profile = ModelProfile.named(a[2]).orElseThrow(() -> new IllegalArgumentException("unknown profile " + a[2]));
    int maxGpus = Integer.parseInt(a[a[0].equals("variant") ? 7 : 6]);
    Backtest.Slo slo = Backtest.Slo.forTrace(trace, profile);
    Backtest.Setup setup = Backtest.Setup.forTrace(trace, profile, maxGpus, slo);
    Autoscaler autoscaler;
    String label;
    if (a[0].equals("variant")) {
      double work = Double.parseDouble(a[3]);
      double e2e = Double.parseDouble(a[4]);
      boolean forecast = a[5].equals("1");
      int down = Integer.parseInt(a[6]) < 0 ? Baselines.scaleDownWindowSeconds(profile) : Integer.parseInt(a[6]);
      autoscaler = variant(profile, maxGpus / profile.gpusPerReplica(), work, e2e, forecast, down);
      label = String.format(Locale.ROOT, "work_load %.2f e2e_load %.2f forecast %s scale-down %d s", work, e2e, forecast ? "on" : "off", down);
    } else {
      double margin = Double.parseDouble(a[3]);
      double window = Double.parseDouble(a[4]);
      double down = Double.parseDouble(a[5]);
      boolean live = a.length > 7 && a[7].equals("live");
      autoscaler = mpc(trace.requests(), profile, slo, maxGpus, margin, window, down, live);
      label = String.format(Locale.ROOT, "mpc margin %.2f window %.0f s scale-down %.0f s%s", margin, window, down, live ? " live" : "");
    }
    Backtest.Result r = Backtest.run(trace, setup, autoscaler);
    System.out.printf(Locale.ROOT, "%s %s %s: %.3f GPU-hours, %.1f %% of minutes, %.1f %% of requests%n", Path.of(a[1]).getFileName(),
        profile.name(), label, r.gpuHours(), 100 * r.minuteAttainment(), 100 * r.requestAttainment());
  }

  /** Every setting of the four knobs replayed on one run; the count that meet the SLO and the cheapest three that do. */
  static void grid(String[] a) throws Exception {
    Trace trace;
    try (var in = Files.newBufferedReader(Path.of(a[1]))) {
      trace = TraceFormat.readAny(in);
    }
    ModelProfile profile = ModelProfile.named(a[2]).orElseThrow(() -> new IllegalArgumentException("unknown profile " + a[2]));
    int maxGpus = Integer.parseInt(a[3]);
    Backtest.Setup setup = Backtest.Setup.forTrace(trace, profile, maxGpus, Backtest.Slo.forTrace(trace, profile));
    double[] works = {0.8, 0.85, 0.9, 0.95, 1.0};
    double[] e2es = {0, 0.8, 0.85, 0.9, 0.95, 1.0};
    int defaultDown = Baselines.scaleDownWindowSeconds(profile);
    int coldStart = (int) Math.max(60, Math.round(profile.modelLoadSeconds()));
    // the scale-down window by rule (the same rule has other seconds on another profile); on the 8B profiles two rules
    // give 300 s and are replayed twice
    java.util.Map<String, Integer> downs = new java.util.LinkedHashMap<>();
    downs.put("cold-start", coldStart);
    downs.put("120", 120);
    downs.put("300", 300);
    downs.put("600", 600);
    downs.put("default", defaultDown);
    List<java.util.concurrent.Callable<Object[]>> runs = new ArrayList<>();
    for (double work : works) {
      for (double e2e : e2es) {
        for (boolean forecast : new boolean[] {true, false}) {
          for (var rule : downs.entrySet()) {
            int down = rule.getValue();
            runs.add(() -> {
              Backtest.Result r = Backtest.run(trace, setup, variant(profile, maxGpus / profile.gpusPerReplica(), work, e2e, forecast, down));
              String label = String.format(Locale.ROOT, "work_load %.2f e2e_load %s forecast %s scale-down %d s", work,
                  e2e > 0 ? String.format(Locale.ROOT, "%.2f", e2e) : "off", forecast ? "on" : "off", down);
              String row = String.format(Locale.ROOT, "%s,%s,%.2f,%.2f,%s,%s,%d,%s,%.4f,%.4f", Path.of(a[1]).getFileName(), profile.name(), work,
                  e2e, forecast, rule.getKey(), down,
                  work == Baselines.LOAD_TARGET && e2e == Baselines.E2E_LOAD_TARGET && forecast && rule.getKey().equals("default"), r.gpuHours(),
                  r.minuteAttainment());
              return new Object[] {r, label, row};
            });
          }
        }
      }
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    List<Object[]> meeting = new ArrayList<>();
    boolean csv = a.length == 5;
    if (csv) {
      System.out.println("trace,profile,work_load,e2e_load,forecast,scale_down,scale_down_seconds,default,gpu_hours,minutes");
    }
    try {
      for (var done : pool.invokeAll(runs)) {
        Object[] x = done.get();
        if (csv) {
          System.out.println(x[2]);
        }
        if (((Backtest.Result) x[0]).minuteAttainment() >= Backtest.MINUTE_TARGET) {
          meeting.add(x);
        }
      }
    } finally {
      pool.shutdown();
    }
    if (csv) {
      return;
    }
    meeting.sort(java.util.Comparator.comparingDouble(x -> ((Backtest.Result) x[0]).gpuHours()));
    System.out.printf(Locale.ROOT, "%s %s: %d of %d settings meet the SLO in %.0f %% of minutes; the cheapest:%n", Path.of(a[1]).getFileName(),
        profile.name(), meeting.size(), runs.size(), 100 * Backtest.MINUTE_TARGET);
    for (Object[] x : meeting.subList(0, Math.min(3, meeting.size()))) {
      Backtest.Result r = (Backtest.Result) x[0];
      System.out.printf(Locale.ROOT, "  %s: %.3f GPU-hours, %.1f %% of minutes%n", x[1], r.gpuHours(), 100 * r.minuteAttainment());
    }
  }

  /** Baselines.plimsoll with the forecast optional and another scale-down window. */
  static Autoscaler variant(ModelProfile p, int max, double work, double e2e, boolean forecast, int down) {
    ScalingRules rules = new ScalingRules(down, ScalingRules.DEFAULT_SCALE_DOWN.selectPolicy(), ScalingRules.DEFAULT_SCALE_DOWN.policies(),
        ScalingRules.DEFAULT_SCALE_DOWN.tolerance());
    List<MetricSpec> metrics = new ArrayList<>(List.of(new MetricSpec("work_load", TargetType.AVERAGE_VALUE, work),
        new MetricSpec("kv_cache_usage", TargetType.VALUE, 0.9)));
    if (e2e > 0) {
      metrics.add(new MetricSpec("e2e_load", TargetType.AVERAGE_VALUE, e2e));
    }
    ScalingSpec spec = new ScalingSpec(1, max, List.copyOf(metrics), null, rules);
    int cold = (int) Math.max(1, Math.min(3600, Math.round(p.modelLoadSeconds())));
    return new PolicyAutoscaler("variant", new AutoscalingPolicy(spec, List.of(), Panic.DEFAULT, forecast ? new Predictive(cold, 300) : null,
        null, Pause.NONE), 1);
  }

  static Autoscaler fixed(int replicas) {
    return new Autoscaler() {
      public String name() {
        return "fixed-" + replicas;
      }

      public double intervalSeconds() {
        return 60;
      }

      public int desired(Observation seen, int current, int ready, double now) {
        return replicas;
      }
    };
  }

  /** The model-predictive prototype: the fewest replicas the fleet model says the recent requests need. */
  static Autoscaler mpc(List<InferenceRequest> requests, ModelProfile p, Backtest.Slo slo, int maxGpus, double margin, double window,
      double down, boolean live) {
    int max = maxGpus / p.gpusPerReplica();
    return new Autoscaler() {
      final ArrayDeque<double[]> recommendations = new ArrayDeque<>();

      public String name() {
        return "mpc";
      }

      public double intervalSeconds() {
        return 15;
      }

      public int desired(Observation seen, int current, int ready, double now) {
        List<InferenceRequest> raw = new ArrayList<>();
        for (InferenceRequest r : requests) { // those that have arrived: a gateway's log of the last window
          if (r.arrival() >= now - window && r.arrival() < now) {
            raw.add(r);
          }
        }
        double factor = margin;
        List<InferenceRequest> replay = new ArrayList<>();
        long id = 0;
        if (live) {
          int bins = (int) (window / 30);
          double[] count = new double[bins];
          for (InferenceRequest r : raw) {
            int b = (int) ((r.arrival() - (now - window)) / 30);
            if (b >= 0 && b < bins) {
              count[b]++;
            }
          }
          double mx = (bins - 1) / 2.0;
          double my = 0;
          for (double c : count) {
            my += c;
          }
          my /= bins;
          double sxy = 0;
          double sxx = 0;
          for (int i = 0; i < bins; i++) {
            sxy += (i - mx) * (count[i] - my);
            sxx += (i - mx) * (i - mx);
          }
          double slope = sxx == 0 ? 0 : sxy / sxx;
          double ahead = my + slope * ((bins - 1 - mx) + p.modelLoadSeconds() / 30);
          factor = margin * Math.max(1, my > 0 ? ahead / my : 1);
          if (seen != null && seen.queueDepth() > 0 && !raw.isEmpty()) {
            double prompt = raw.stream().mapToInt(InferenceRequest::promptTokens).average().orElse(0);
            double output = raw.stream().mapToInt(InferenceRequest::outputTokens).average().orElse(1);
            for (int i = 0; i < (int) seen.queueDepth(); i++) {
              replay.add(new InferenceRequest(id++, 0, (int) prompt, (int) Math.max(1, output)));
            }
          }
        }
        for (InferenceRequest r : raw) {
          replay.add(new InferenceRequest(id++, (r.arrival() - (now - window)) / factor, r.promptTokens(), r.outputTokens()));
        }
        int need = 1;
        if (!replay.isEmpty()) {
          Trace t = new Trace(null, replay);
          for (int c = Math.max(1, current - 2); c <= max; c++) {
            need = c + 1;
            if (meets(t, c)) {
              need = c;
              break;
            }
          }
          while (need > 1 && meets(t, need - 1)) {
            need--;
          }
        }
        need = Math.min(need, max);
        recommendations.addLast(new double[] {now, need});
        while (!recommendations.isEmpty() && recommendations.peekFirst()[0] < now - down) {
          recommendations.pollFirst();
        }
        int hold = 0;
        for (double[] x : recommendations) {
          hold = Math.max(hold, (int) x[1]);
        }
        return need >= current ? need : Math.min(current, hold);
      }

      boolean meets(Trace t, int replicas) {
        return Backtest.run(t, new Backtest.Setup(p, replicas, maxGpus, 1, slo, 600), fixed(replicas)).minuteAttainment() >= 1.0 - 1e-9;
      }
    };
  }
}
