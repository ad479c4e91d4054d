package dev.plimsoll.backtest;

import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.FleetReplica;
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
   */
  public record Setup(ModelProfile profile, int initialReplicas, int maxGpus, double scrapeSeconds, Slo slo, double drainSeconds) {}

  /**
   * The SLO: time to first token and end-to-end latency targets; a minute meets it when the 95th percentile of both
   * over the requests arriving in it is within the targets and none of them was dropped.
   */
  public record Slo(double ttftSeconds, double e2eSeconds) {}

  /**
   * A replica removed by a scale-down finishes its running requests for up to this long (holding its GPUs) before the
   * rest are aborted: Kubernetes' default {@code terminationGracePeriodSeconds}.
   */
  public static final double TERMINATION_GRACE_SECONDS = 30;

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
      long dropped, int scaleActions, double peakQueue, List<Sample> timeline) {}

  public static Result run(Trace trace, Setup setup, Autoscaler autoscaler) {
    ModelProfile profile = setup.profile();
    GpuPool pool = GpuPool.uniform((setup.maxGpus() + 7) / 8, 8, "NVIDIA-H100-80GB-HBM3", 81_559);
    Fleet fleet = new Fleet("backtest", profile, pool, 0, new RouterLimits(1_000_000, 1_000_000))
        .terminationGraceSeconds(TERMINATION_GRACE_SECONDS);
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
    fleet.observe(new RequestObserver() {
      @Override
      public void firstToken(InferenceRequest r, double at) {
        Integer i = index.get(r.id());
        if (i != null) {
          ttft[i] = at - r.arrival();
        }
      }

      @Override
      public void completed(InferenceRequest r, double at) {
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
    double nextDecision = 0;
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
        fleet.submit(trace.requests().get(next));
        next++;
      }
      fleet.advanceTo(tick);
      gpuSeconds += held * (tick - lastTick); // GPUs are taken at scale calls, given back there or when a drain ends
      lastTick = tick;
      Observation now = observe(fleet, profile, tick);
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
    return result(autoscaler.name(), arrival, ttft, e2e, setup.slo(), gpuSeconds / 3600.0, actions, peakQueue, timeline);
  }

  /** Nothing waits or runs any more. */
  private static boolean idle(Fleet fleet) {
    return fleet.pendingRequests() == 0 && fleet.drainingReplicas().isEmpty() && fleet.replicas().stream().allMatch(r -> r.engine().map(e -> e.waiting() + e.running() == 0)
        .orElse(true));
  }

  static Observation observe(Fleet fleet, ModelProfile profile, double at) {
    double waiting = fleet.pendingRequests();
    double running = 0;
    double kv = 0;
    int ready = 0;
    for (FleetReplica r : fleet.replicas()) {
      if (r.engine().isPresent()) {
        var e = r.engine().get();
        waiting += e.waiting();
        running += e.running();
        kv += e.kvCacheUsage();
        ready++;
      }
    }
    return new Observation(at, fleet.desiredReplicas(), ready, waiting, running, ready == 0 ? 0 : kv / ready,
        ready == 0 ? 0 : running / ((double) ready * profile.maxNumSeqs()));
  }

  static Result result(String name, double[] arrival, double[] ttft, double[] e2e, Slo slo, double gpuHours, int actions, double peakQueue,
      List<Sample> timeline) {
    int n = arrival.length;
    long completed = 0;
    long good = 0;
    Map<Long, List<Integer>> minutes = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(e2e[i])) {
        completed++;
        if (ttft[i] <= slo.ttftSeconds() && e2e[i] <= slo.e2eSeconds()) {
          good++;
        }
      }
      minutes.computeIfAbsent((long) Math.floor(arrival[i] / 60), k -> new ArrayList<>()).add(i);
    }
    long goodMinutes = 0;
    for (List<Integer> minute : minutes.values()) {
      double[] t = new double[minute.size()];
      double[] e = new double[minute.size()];
      boolean dropped = false;
      for (int k = 0; k < minute.size(); k++) {
        int i = minute.get(k);
        dropped |= Double.isNaN(e2e[i]);
        t[k] = ttft[i];
        e[k] = e2e[i];
      }
      if (!dropped && p95(t) <= slo.ttftSeconds() && p95(e) <= slo.e2eSeconds()) {
        goodMinutes++;
      }
    }
    return new Result(name, gpuHours, n == 0 ? 1 : good / (double) n, minutes.isEmpty() ? 1 : goodMinutes / (double) minutes.size(), n,
        completed, n - completed, actions, peakQueue, timeline);
  }

  /** The 95th percentile (nearest rank). */
  static double p95(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[Math.max(0, (int) Math.ceil(0.95 * s.length) - 1)];
  }
}
