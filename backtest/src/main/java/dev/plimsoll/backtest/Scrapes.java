package dev.plimsoll.backtest;

import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.FleetReplica;
import dev.plimsoll.fleet.Histogram;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.Replica;
import dev.plimsoll.fleet.ReplicaMetrics;
import dev.plimsoll.promql.eval.Histograms;
import java.util.ArrayDeque;
import java.util.Arrays;
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
  /** The largest share of a replica's time {@link #e2eLoad} reserves for decoding. */
  static final double MAX_DECODE_SHARE = 0.9;

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
  private final double e2eSeconds;
  /** vLLM's {@code request_generation_tokens} buckets, and the outputs completed within {@link #MEAN_WINDOW_SECONDS} per bucket. */
  private static final double[] OUTPUT_BUCKETS = Histogram.TOKEN_BUCKETS.stream().mapToDouble(Double::doubleValue).toArray();
  private final long[] outputCounts = new long[OUTPUT_BUCKETS.length + 1];

  /** Scrapes for a fleet of {@code profile} replicas serving an SLO whose end-to-end target is {@code e2eSeconds}. */
  Scrapes(ModelProfile profile, double e2eSeconds) {
    this.profile = profile;
    this.e2eSeconds = e2eSeconds;
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
    outputCounts[bucket(outputTokens)]++;
  }

  /** The bucket of vLLM's {@code request_generation_tokens} histogram an output falls in (the last: {@code +Inf}). */
  private static int bucket(int outputTokens) {
    int i = 0;
    while (i < OUTPUT_BUCKETS.length && outputTokens > OUTPUT_BUCKETS[i]) {
      i++;
    }
    return i;
  }

  /**
   * PromQL's {@code histogram_quantile} ({@link Histograms#quantile}, the query engine's own) over per-bucket counts:
   * NaN when empty.
   *
   * @param bounds the buckets' upper bounds, ascending, positive
   * @param counts per bucket (not cumulative), one more than {@code bounds} (the last counts above every bound)
   */
  static double histogramQuantile(double q, double[] bounds, long[] counts) {
    double[] le = Arrays.copyOf(bounds, bounds.length + 1);
    le[bounds.length] = Double.POSITIVE_INFINITY;
    double[] cumulative = new double[counts.length];
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += counts[i];
      cumulative[i] = sum;
    }
    return Histograms.quantile(q, le, cumulative);
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
      outputCounts[bucket((int) old[2])]--;
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
    // The 95th-percentile output of the last minutes as the live query reads it (histogram_quantile over vLLM's
    // request_generation_tokens buckets), decoding alone: the fastest a sequence decodes, so the least time it needs.
    double decode95 = finished.isEmpty() ? 0 : histogramQuantile(0.95, OUTPUT_BUCKETS, outputCounts) / profile.decodeTokensPerSecond();
    double e2eLoad = e2eLoad(workLoad, promptRate / profile.prefillTokensPerSecond(), decode95, e2eSeconds);
    return new Observation(at, fleet.desiredReplicas(), ready, waiting, running, ready == 0 ? 0 : kv / ready,
        ready == 0 ? 0 : running / ((double) ready * profile.maxNumSeqs()), promptRate, generationRate, ttftP95, tokenLoad, workLoad, demandLoad,
        e2eLoad);
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

  /**
   * {@code work_load} with the replicas' prefill time repriced for the end-to-end target (the {@code e2e_load} signal).
   * A replica prefills with priority and its batch decodes only in between ({@link Replica}), so a request's output
   * comes out only in the share of time its replica is not prefilling. For the 95th-percentile output to be decoded
   * within the end-to-end target, decoding needs at least the share {@code φ = decodeSeconds95 / e2eSeconds} of that
   * time (its decoding alone, the fastest a sequence goes, over the target), and prefill may take at most {@code 1 − φ} of it: a
   * replica-second of prefill then needs {@code 1 / (1 − φ)} replica-seconds. So the signal is {@code workLoad} plus
   * {@code prefillLoad × φ / (1 − φ)}, in the same replica-equivalents, and a target per replica near 1 holds the
   * end-to-end target where {@code work_load}'s holds the time to first token. {@code φ} is taken at most
   * {@value #MAX_DECODE_SHARE} (where decoding alone nearly fills the target, more replicas cannot save it: the model is
   * too slow for the target, not short of replicas). NaN where {@code workLoad} is (no value).
   *
   * @param workLoad the {@code work_load} signal
   * @param prefillLoad replica-equivalents prefilling: prompt tokens per second over the prefill rate
   * @param decodeSeconds95 how long the 95th-percentile output of the requests completed lately takes to decode alone
   *     (0 where none completed: no decode is waiting on the target)
   * @param e2eSeconds the end-to-end target
   */
  static double e2eLoad(double workLoad, double prefillLoad, double decodeSeconds95, double e2eSeconds) {
    if (Double.isNaN(workLoad)) {
      return Double.NaN;
    }
    double share = Math.min(MAX_DECODE_SHARE, Math.max(0, decodeSeconds95) / e2eSeconds);
    return workLoad + Math.max(0, prefillLoad) * share / (1 - share);
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
