package dev.plimsoll.backtest;

import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.FleetReplica;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.Replica;
import dev.plimsoll.fleet.ReplicaMetrics;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What the collector computes from a fleet's vLLM metrics at each scrape: the gauges as they are, the token counters
 * ({@code vllm:prompt_tokens_total}, {@code vllm:generation_tokens_total}) as rates and the time to first token as a
 * 95th percentile, both over the collector's signal window (30 s by default), and the replicas' work as a share of
 * their capacity ({@link Observation#tokenLoad()}), and that plus the work queued ({@link Observation#workLoad()}); and
 * what the gateway sees: requests arriving, with their prompts, and the work it holds ({@link Observation#demandLoad()}).
 */
final class Scrapes {
  /** The collector's default {@code collector.signal-window}. */
  static final double WINDOW_SECONDS = 30;
  /**
   * The demand counts the work held at the gateway as if it had to be done within this long, or within a cold start
   * where that is longer (sooner, no replica it could ask for now would help).
   */
  static final double BACKLOG_DRAIN_SECONDS = 30;
  /**
   * The mean prompt and output of a request, for pricing the queue in {@link Observation#workLoad()}, are taken over the
   * requests completed in this long (the {@code [5m]} of the live query); while none completes, a queue cannot be priced.
   */
  static final double MEAN_WINDOW_SECONDS = 300;

  private final ModelProfile profile;
  private final double maxDecodeRate;
  private final double backlogSeconds;
  private final Map<String, long[]> lastCounters = new HashMap<>(); // replica → {prompt, generation} at the last scrape
  private double promptTotal;
  private double generationTotal;
  private final ArrayDeque<double[]> totals = new ArrayDeque<>(); // {at, promptTotal, generationTotal, requests waiting}
  private final ArrayDeque<double[]> firstTokens = new ArrayDeque<>(); // {at, ttft}
  private final ArrayDeque<double[]> arrivals = new ArrayDeque<>(); // {at, prompt tokens}
  private final ArrayDeque<double[]> completions = new ArrayDeque<>(); // {at, output tokens}
  private final ArrayDeque<double[]> finished = new ArrayDeque<>(); // {at, prompt tokens, output tokens} over MEAN_WINDOW_SECONDS
  private double outputPerRequest;
  private long finishedPromptSum; // over finished
  private long finishedOutputSum;

  Scrapes(ModelProfile profile) {
    this.profile = profile;
    this.maxDecodeRate = Oracle.peakDecodeRate(profile);
    this.backlogSeconds = Math.max(BACKLOG_DRAIN_SECONDS, profile.modelLoadSeconds());
  }

  /** A request's first token (what the TTFT histogram observes). */
  void firstToken(double at, double ttft) {
    firstTokens.addLast(new double[] {at, ttft});
  }

  /** A request reaching the gateway. */
  void arrived(double at, int promptTokens) {
    arrivals.addLast(new double[] {at, promptTokens});
  }

  /** A request completed (what {@code vllm:request_prompt_tokens} and {@code vllm:request_generation_tokens} observe). */
  void completed(double at, int promptTokens, int outputTokens) {
    completions.addLast(new double[] {at, outputTokens});
    finished.addLast(new double[] {at, promptTokens, outputTokens});
    finishedPromptSum += promptTokens;
    finishedOutputSum += outputTokens;
  }

  Observation observe(Fleet fleet, double at) {
    double waiting = fleet.pendingRequests();
    double running = 0;
    double kv = 0;
    int ready = 0;
    for (FleetReplica r : fleet.replicas()) {
      if (r.engine().isPresent()) {
        Replica e = r.engine().get();
        waiting += e.waiting();
        running += e.running();
        kv += e.kvCacheUsage();
        ready++;
        count(r.id(), e.metrics());
      }
    }
    for (FleetReplica r : fleet.drainingReplicas()) {
      r.engine().ifPresent(e -> count(r.id(), e.metrics()));
    }
    totals.addLast(new double[] {at, promptTotal, generationTotal, waiting});
    while (totals.size() > 1 && totals.peekFirst()[0] < at - WINDOW_SECONDS - 1e-9) {
      totals.pollFirst();
    }
    double[] first = totals.peekFirst();
    double span = at - first[0];
    double promptRate = span > 0 ? (promptTotal - first[1]) / span : 0;
    double generationRate = span > 0 ? (generationTotal - first[2]) / span : 0;
    trim(firstTokens, at);
    double ttftP95 = firstTokens.isEmpty() ? Double.NaN : Backtest.p95(firstTokens.stream().mapToDouble(v -> v[1]).toArray());
    double tokenLoad = promptRate / profile.prefillTokensPerSecond() + generationRate / maxDecodeRate;
    // The work done, plus the queue's growth over the window (what arrived and was not served: arrivals are the work
    // done plus the growth of the queue, so a queue that drains does not count twice), plus the queue to drain within
    // backlogSeconds, the queue priced at the mean request of the last minutes.
    while (!finished.isEmpty() && finished.peekFirst()[0] < at - MEAN_WINDOW_SECONDS - 1e-9) {
      double[] old = finished.pollFirst();
      finishedPromptSum -= (long) old[1];
      finishedOutputSum -= (long) old[2];
    }
    double queueGrowth = span > 0 ? (waiting - first[3]) / span : 0;
    double queued = queueGrowth + waiting / backlogSeconds; // requests per second to serve beyond the work done
    double perRequest = finished.isEmpty() ? Double.NaN
        : ((double) finishedPromptSum / finished.size()) / profile.prefillTokensPerSecond()
            + ((double) finishedOutputSum / finished.size()) / maxDecodeRate;
    double workLoad = workLoad(tokenLoad, queued, perRequest);
    // The gateway's demand: arriving prompts at the prefill rate, their outputs (as long as the window's completed ones
    // were) at the peak decode rate, and the work it holds to be done within backlogSeconds.
    trim(arrivals, at);
    trim(completions, at);
    double arrivalSpan = Math.max(1, Math.min(WINDOW_SECONDS, at));
    double arrivingPrompts = arrivals.stream().mapToDouble(v -> v[1]).sum() / arrivalSpan;
    double arrivingRequests = arrivals.size() / arrivalSpan;
    if (!completions.isEmpty()) { // a window without completions keeps the last mean: a stall does not erase the decode work
      outputPerRequest = completions.stream().mapToDouble(v -> v[1]).sum() / completions.size();
    }
    double held = fleet.pendingRequests();
    double demandLoad = arrivingPrompts / profile.prefillTokensPerSecond() + arrivingRequests * outputPerRequest / maxDecodeRate
        + (fleet.pendingPromptTokens() / profile.prefillTokensPerSecond() + held * outputPerRequest / maxDecodeRate) / backlogSeconds;
    return new Observation(at, fleet.desiredReplicas(), ready, waiting, running, ready == 0 ? 0 : kv / ready,
        ready == 0 ? 0 : running / ((double) ready * profile.maxNumSeqs()), promptRate, generationRate, ttftP95, tokenLoad, workLoad, demandLoad);
  }

  /**
   * The work done plus the requests to serve beyond it ({@code queued}, per second) priced at {@code perRequest}
   * replica-seconds, as the live query computes it: 0 where a draining queue takes it below 0, and NaN (no value) where
   * a queue has no price (NaN: nothing completed lately) unless nothing is queued, then the work done alone.
   */
  static double workLoad(double tokenLoad, double queued, double perRequest) {
    if (queued == 0) {
      return Math.max(0, tokenLoad);
    }
    return Double.isNaN(perRequest) ? Double.NaN : Math.max(0, tokenLoad + queued * perRequest);
  }

  private static void trim(ArrayDeque<double[]> events, double at) {
    while (!events.isEmpty() && events.peekFirst()[0] < at - WINDOW_SECONDS - 1e-9) {
      events.pollFirst();
    }
  }

  /** Adds what a replica's counters rose by since the last scrape (a replica that goes away takes the rest with it). */
  private void count(String replica, ReplicaMetrics m) {
    long[] last = lastCounters.computeIfAbsent(replica, k -> new long[2]);
    promptTotal += m.promptTokens() - last[0];
    generationTotal += m.generationTokens() - last[1];
    last[0] = m.promptTokens();
    last[1] = m.generationTokens();
  }
}
