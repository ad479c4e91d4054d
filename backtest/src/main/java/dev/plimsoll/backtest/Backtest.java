package dev.plimsoll.backtest;

import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.GpuPool;
import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.RequestObserver;
import dev.plimsoll.fleet.RouterLimits;
import dev.plimsoll.fleet.trace.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A discrete-event replay of a trace through the fleet model under an autoscaler: requests arrive at their trace
 * times; every scrape interval the fleet is observed; every autoscaler interval the autoscaler decides from the
 * newest observation (so it acts on data one scrape old, as a live scaler does) and a new replica serves only after
 * its model-load cold start. GPU time counts every replica that holds GPUs (loading or serving). Per request, time to
 * first token and end-to-end latency are measured against the SLO. Plain Java, deterministic.
 */
public final class Backtest {
  private Backtest() {}

  /**
   * What is replayed on.
   *
   * @param profile the model and its replica's speed and cold start
   * @param initialReplicas replicas already serving at time 0
   * @param maxGpus GPUs available (no autoscaler gets more)
   * @param scrapeSeconds how often the fleet is observed (the collector's scrape interval)
   * @param slo the targets
   * @param drainSeconds after the last arrival, how long the replay goes on for requests to finish
   * @param warmupSeconds a whole number of minutes at the start that is replayed but not scored: neither its requests'
   *     latencies nor its GPU time count (a trace is a window of traffic that was flowing before it, so no autoscaler
   *     is judged on converging from the fleet it happens to start with)
   * @param terminationGraceSeconds how long a replica removed by a scale-down finishes its running requests (holding its
   *     GPUs) before the rest are aborted: the pods' {@code terminationGracePeriodSeconds}
   */
  public record Setup(ModelProfile profile, int initialReplicas, int maxGpus, double scrapeSeconds, Slo slo, double drainSeconds,
      double warmupSeconds, double terminationGraceSeconds) {
    public Setup {
      if (!(warmupSeconds >= 0) || warmupSeconds % 60 != 0) {
        throw new IllegalArgumentException("warm-up must be a whole number of minutes, got " + warmupSeconds + " s");
      }
      if (!(terminationGraceSeconds >= 0 && terminationGraceSeconds <= MAX_TERMINATION_GRACE_SECONDS)) {
        throw new IllegalArgumentException("the termination grace must be 0.." + (long) MAX_TERMINATION_GRACE_SECONDS + " s, got "
            + terminationGraceSeconds);
      }
    }

    /** With Kubernetes' default termination grace ({@value #TERMINATION_GRACE_SECONDS} s). */
    public Setup(ModelProfile profile, int initialReplicas, int maxGpus, double scrapeSeconds, Slo slo, double drainSeconds,
        double warmupSeconds) {
      this(profile, initialReplicas, maxGpus, scrapeSeconds, slo, drainSeconds, warmupSeconds, TERMINATION_GRACE_SECONDS);
    }

    /** Without a warm-up: every minute scored. */
    public Setup(ModelProfile profile, int initialReplicas, int maxGpus, double scrapeSeconds, Slo slo, double drainSeconds) {
      this(profile, initialReplicas, maxGpus, scrapeSeconds, slo, drainSeconds, 0);
    }

    /** This setup with {@code replicas} serving at the start. */
    public Setup startingWith(int replicas) {
      return new Setup(profile, replicas, maxGpus, scrapeSeconds, slo, drainSeconds, warmupSeconds, terminationGraceSeconds);
    }

    /** This setup with removed replicas given {@code seconds} to finish what they run. */
    public Setup withTerminationGrace(double seconds) {
      return new Setup(profile, initialReplicas, maxGpus, scrapeSeconds, slo, drainSeconds, warmupSeconds, seconds);
    }

    /**
     * The usual setup for a trace: a warm-up of the model's cold start rounded up to whole minutes plus one (time for
     * any autoscaler to have brought replicas up) where the trace spans at least three times that, else none (a short
     * trace is scored whole); as many replicas at the start as the heaviest minute of the warm-up needs at the model's
     * peak rates ({@link Oracle}'s work measure; the first minute's where a short trace has no warm-up), at least one; 1 s
     * scrapes; 30 minutes to drain. The traffic a trace records was flowing before it began, on a fleet sized for it:
     * a fleet started below the warm-up's load would pile up a backlog that no autoscaler clears within a cold start,
     * and the first scored minutes would measure that guess, not the autoscaler.
     */
    public static Setup forTrace(Trace trace, ModelProfile profile, int maxGpus, Slo slo) {
      double warmup = 60 * (Math.ceil(profile.modelLoadSeconds() / 60) + 1);
      if (trace.spanSeconds() < 3 * warmup) {
        warmup = 0;
      }
      int minutes = (int) Math.max(1, warmup / 60); // never sized from minutes that are scored, but the first
      double[] work = new double[minutes];
      for (InferenceRequest r : trace.requests()) {
        if (r.arrival() < 60 * minutes) {
          work[(int) (r.arrival() / 60)] += Oracle.workSeconds(r, profile);
        }
      }
      double heaviest = Arrays.stream(work).max().orElse(0);
      int initial = (int) Math.max(1, Math.min(maxGpus / profile.gpusPerReplica(), Math.ceil(heaviest / 60)));
      return new Setup(profile, initial, maxGpus, 1, slo, 1800, warmup);
    }
  }

  /**
   * The SLO: time to first token and end-to-end latency targets; a minute meets it when the 95th percentile of both
   * over the requests arriving in it is within the targets and none of them was dropped.
   */
  public record Slo(double ttftSeconds, double e2eSeconds) {
    public Slo {
      if (!(ttftSeconds > 0) || !(e2eSeconds > 0) || Double.isInfinite(ttftSeconds) || Double.isInfinite(e2eSeconds)) {
        throw new IllegalArgumentException("SLO targets must be finite numbers of seconds > 0, got TTFT " + ttftSeconds
            + " and end to end " + e2eSeconds);
      }
    }

    /**
     * An SLO that one idle replica of the model meets with room on this trace, so that it asks for capacity, not for a
     * faster model: time to first token twice the prefill time of the trace's 95th-percentile prompt and above the
     * longest prompt's prefill by a tenth (no request misses it alone: a minute of few requests has no slack for one),
     * at least 2 s (an interactive chat's target), rounded up to half a second; end to end twice the 95th-percentile
     * request's time alone on a replica (prefill, then decoding at the single-sequence rate) and at least twice the
     * TTFT target and 60 s, rounded up to 10 s.
     */
    public static Slo forTrace(Trace trace, ModelProfile profile) {
      int n = trace.size();
      if (n == 0) {
        return new Slo(2, 60);
      }
      double[] prefill = new double[n];
      double[] alone = new double[n];
      for (int i = 0; i < n; i++) {
        InferenceRequest r = trace.requests().get(i);
        prefill[i] = r.promptTokens() / profile.prefillTokensPerSecond();
        alone[i] = prefill[i] + Math.max(0, r.outputTokens() - 1) / profile.decodeTokensPerSecond();
      }
      double longest = Arrays.stream(prefill).max().orElse(0);
      double ttft = Math.max(2, Math.ceil(Math.max(2 * p95(prefill), 1.1 * longest) * 2) / 2);
      double e2e = Math.max(60, Math.ceil(Math.max(2 * p95(alone), 2 * ttft) / 10) * 10);
      return new Slo(ttft, e2e);
    }

    /** This SLO with the targets given (not null) put in place of its own. */
    public Slo with(Double ttftSeconds, Double e2eSeconds) {
      return new Slo(ttftSeconds == null ? this.ttftSeconds : ttftSeconds, e2eSeconds == null ? this.e2eSeconds : e2eSeconds);
    }
  }

  /**
   * A replica removed by a scale-down finishes its running requests for up to this long (holding its GPUs) before the
   * rest are aborted, unless the setup says otherwise: Kubernetes' default {@code terminationGracePeriodSeconds}.
   */
  public static final double TERMINATION_GRACE_SECONDS = 30;
  /** The longest termination grace a backtest takes: an hour (a pod's grace is meant for draining, not for serving on). */
  public static final double MAX_TERMINATION_GRACE_SECONDS = 3600;

  /**
   * Requests are held at the gateway and handed to a replica with fewer than this many awaiting their first token (one
   * prefilling, one next), as an inference gateway's endpoint picker with flow control does: work that waits, waits
   * where a new replica can take it.
   */
  public static final int DISPATCH_LIMIT = 2;

  /** The most GPUs a backtest may be given (the API and the command line refuse more). */
  public static final int MAX_GPUS = 100_000;
  /** The largest time scale a trace may be replayed at. */
  public static final double MAX_TIME_SCALE = 1000;
  /** SLO targets must be below this many seconds. */
  public static final double MAX_SLO_SECONDS = 1e6;
  /**
   * The longest trace replayed, from its first arrival to its last (after time scaling): 31 days. The oracle and the
   * replay keep per-second state, and a longer one takes hours; replay a window of it instead.
   */
  public static final double MAX_SPAN_SECONDS = 31 * 86_400;

  /** The share of minutes (with arrivals) meeting the SLO that counts as meeting it overall: 99 %. */
  public static final double MINUTE_TARGET = 0.99;

  /** One point of the timeline. */
  public record Sample(double at, int replicas, int ready, double queueDepth, double running) {}

  /**
   * @param gpuHours GPU time held (loading or serving)
   * @param requestAttainment share of requests that completed within both targets
   * @param minuteAttainment share of minutes (with arrivals) that met the SLO
   * @param scaleActions scale calls made
   * @param peakQueue the most requests ever waiting
   */
  public record Result(String autoscaler, double gpuHours, double requestAttainment, double minuteAttainment, long requests, long completed,
      long dropped, int scaleActions, double peakQueue, List<Sample> timeline, List<Minute> minutes) {
    /** This result's figures without its timeline and minutes (a month-long trace's are megabytes). */
    public Result figures() {
      return new Result(autoscaler, gpuHours, requestAttainment, minuteAttainment, requests, completed, dropped, scaleActions, peakQueue,
          List.of(), List.of());
    }
  }

  /**
   * One minute's SLO outcome over the requests arriving in it.
   *
   * @param minute {@code floor(arrival / 60)}
   * @param ttftP95 the 95th percentile time to first token (NaN when one of them never got it)
   * @param met no request dropped and both percentiles within the targets
   */
  public record Minute(long minute, int requests, double ttftP95, double e2eP95, boolean met) {}

  public static Result run(Trace trace, Setup setup, Autoscaler autoscaler) {
    ModelProfile profile = setup.profile();
    GpuPool pool = GpuPool.uniform((setup.maxGpus() + 7) / 8, 8, "NVIDIA-H100-80GB-HBM3", 81_559);
    Fleet fleet = new Fleet("backtest", profile, pool, 0, new RouterLimits(1_000_000, 1_000_000))
        .terminationGraceSeconds(setup.terminationGraceSeconds()).dispatchLimit(DISPATCH_LIMIT);
    int n = trace.size();
    double[] arrival = new double[n];
    double[] ttft = new double[n];
    double[] e2e = new double[n];
    Arrays.fill(ttft, Double.NaN);
    Arrays.fill(e2e, Double.NaN);
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      InferenceRequest r = trace.requests().get(i);
      arrival[i] = r.arrival();
      index.put(r.id(), i);
    }
    Scrapes scrapes = new Scrapes(profile, setup.slo().e2eSeconds());
    fleet.observe(new RequestObserver() {
      @Override
      public void firstToken(InferenceRequest r, double at) {
        scrapes.firstToken(at, at - r.arrival());
        Integer i = index.get(r.id());
        if (i != null) {
          ttft[i] = at - r.arrival();
        }
      }

      @Override
      public void completed(InferenceRequest r, double at) {
        scrapes.completed(at, r.promptTokens(), r.outputTokens());
        Integer i = index.get(r.id());
        if (i != null) {
          e2e[i] = at - r.arrival();
        }
      }
    });
    fleet.addReadyReplicas(setup.initialReplicas());
    double scrape = setup.scrapeSeconds();
    double end = (n == 0 ? 0 : arrival[n - 1]) + setup.drainSeconds();
    double tick = 0;
    double nextDecision = Scrapes.WINDOW_SECONDS; // no decision on a signal window not yet filled (a live scaler has history)
    double gpuSeconds = 0;
    double lastTick = 0;
    int held = fleet.heldGpus();
    Observation seen = null;
    int actions = 0;
    double peakQueue = 0;
    List<Sample> timeline = new ArrayList<>();
    int next = 0;
    while (tick <= end) {
      while (next < n && arrival[next] < tick) {
        fleet.advanceTo(arrival[next]);
        scrapes.arrived(arrival[next], trace.requests().get(next).promptTokens());
        fleet.submit(trace.requests().get(next));
        next++;
      }
      fleet.advanceTo(tick);
      // GPUs are taken at scale calls, given back there or when a drain ends; the warm-up is not counted
      gpuSeconds += held * Math.max(0, tick - Math.max(lastTick, setup.warmupSeconds()));
      lastTick = tick;
      Observation now = scrapes.observe(fleet, tick);
      peakQueue = Math.max(peakQueue, now.queueDepth());
      if (tick >= nextDecision - 1e-9) {
        int current = fleet.desiredReplicas();
        int desired = Math.max(0, Math.min(setup.maxGpus() / profile.gpusPerReplica(),
            autoscaler.desired(seen, current, fleet.readyReplicas(), tick)));
        if (desired != current) {
          fleet.scaleTo(desired, tick);
          autoscaler.scaled(current, desired, tick);
          actions++;
        }
        nextDecision = tick + autoscaler.intervalSeconds();
      }
      seen = now;
      held = fleet.heldGpus();
      if (timeline.isEmpty() || tick - timeline.get(timeline.size() - 1).at() >= 10 - 1e-9) {
        timeline.add(new Sample(tick, fleet.desiredReplicas(), fleet.readyReplicas(), now.queueDepth(), now.running()));
      }
      if (next >= n && idle(fleet)) {
        break;
      }
      tick += scrape;
    }
    return result(autoscaler.name(), arrival, ttft, e2e, setup.slo(), setup.warmupSeconds(), gpuSeconds / 3600.0, actions, peakQueue,
        timeline);
  }

  /** Nothing waits or runs any more. */
  private static boolean idle(Fleet fleet) {
    return fleet.pendingRequests() == 0 && fleet.drainingReplicas().isEmpty() && fleet.replicas().stream().allMatch(r -> r.engine().map(e -> e.waiting() + e.running() == 0)
        .orElse(true));
  }

  static Result result(String name, double[] arrival, double[] ttft, double[] e2e, Slo slo, double warmup, double gpuHours, int actions,
      double peakQueue, List<Sample> timeline) {
    long n = 0;
    long completed = 0;
    long good = 0;
    Map<Long, List<Integer>> minutes = new java.util.TreeMap<>();
    for (int i = 0; i < arrival.length; i++) {
      if (arrival[i] < warmup) {
        continue; // not scored
      }
      n++;
      if (!Double.isNaN(e2e[i])) {
        completed++;
        if (ttft[i] <= slo.ttftSeconds() && e2e[i] <= slo.e2eSeconds()) {
          good++;
        }
      }
      minutes.computeIfAbsent(Oracle.minuteOf(arrival[i]), k -> new ArrayList<>()).add(i);
    }
    long goodMinutes = 0;
    List<Minute> outcomes = new ArrayList<>(minutes.size());
    for (var entry : minutes.entrySet()) {
      List<Integer> minute = entry.getValue();
      double[] t = new double[minute.size()];
      double[] e = new double[minute.size()];
      boolean dropped = false;
      for (int k = 0; k < minute.size(); k++) {
        int i = minute.get(k);
        dropped |= Double.isNaN(e2e[i]);
        t[k] = ttft[i];
        e[k] = e2e[i];
      }
      boolean met = !dropped && p95(t) <= slo.ttftSeconds() && p95(e) <= slo.e2eSeconds();
      if (met) {
        goodMinutes++;
      }
      outcomes.add(new Minute(entry.getKey(), minute.size(), p95(t), p95(e), met));
    }
    return new Result(name, gpuHours, n == 0 ? 1 : good / (double) n, minutes.isEmpty() ? 1 : goodMinutes / (double) minutes.size(), n,
        completed, n - completed, actions, peakQueue, timeline, List.copyOf(outcomes));
  }

  /** The 95th percentile (nearest rank). */
  static double p95(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[p95Index(s.length)];
  }

  /** Where the nearest-rank 95th percentile of {@code n} sorted values is (0-based). */
  static int p95Index(int n) {
    return Math.max(0, (int) Math.ceil(0.95 * n) - 1);
  }
}
