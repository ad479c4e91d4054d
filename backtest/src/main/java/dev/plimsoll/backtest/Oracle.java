package dev.plimsoll.backtest;

import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.Traces;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A lower bound of the GPU-hours of any schedule that meets the SLO in at least a target share of minutes: a
 * relaxation, not a search. It is the largest of three bounds, each never above the true optimum:
 *
 * <p><b>Work.</b> In the fleet model a replica either prefills one prompt at {@code prefillTokensPerSecond} or
 * decodes its batch, never both, and its batch decodes at most {@link #peakDecodeRate} tokens per second (at its
 * largest batch, or alone where the batch slowdown outweighs its size). A request needs its prompt prefilled and its
 * {@code outputTokens − 1} further tokens decoded, so serving it keeps a replica busy for at least
 * {@code prompt / prefillRate + (output − 1) / maxDecodeRate} seconds. A minute that meets the SLO drops none of its
 * requests; the minutes allowed to miss it may drop all of theirs, so the bound leaves out the work of the heaviest
 * such minutes.
 *
 * <p><b>Presence.</b> While no replica exists at all, nothing is served, and one that comes back serves only after a
 * cold start of {@code c = modelLoadSeconds}. So a request arriving during such an off period, or in the first
 * {@code c − ttft} seconds of the load that ends it, misses the TTFT target; a minute meets its p95 target only if at
 * most {@code n − ⌈0.95 n⌉} of its {@code n} arrivals do. The off periods between two consecutive arrivals that meet
 * the target therefore total at most their gap less {@code c − ttft}. The bound is the time from 0 to the last
 * arrival less the longest total of off periods any choice of missing arrivals allows: some replica must exist the
 * rest of the time. Where every minute must meet the SLO (fewer than 100 minutes at 99 %), that choice is searched
 * over the whole trace by a dynamic programme ({@link #longestOffEveryMinuteMet}). Where some minutes may miss it, off
 * periods are cut at minute boundaries and the pieces touching a boundary go without the deduction (which only
 * lengthens them), each minute is searched alone ({@link #longestOff}) and the minutes allowed to miss count as off
 * whole: looser by up to the first and last inter-arrival gap of each minute. Where the cold start is no longer than
 * the TTFT target the bound is 0.
 *
 * <p><b>Peaks.</b> A replica ready at some instant has been held for at least a cold start before it. A request that
 * meets its TTFT target has its prompt prefilled between its arrival and its deadline, and a replica prefills one
 * prompt at a time; so if the prompts that must be prefilled inside a window need more than one replica's time there,
 * some instant of the window has that many replicas ready, and all of them were held through the cold start before
 * it ({@link #peak}).
 *
 * <p>The work bound is tight under heavy load (replicas saturated), the presence bound under light load (one replica
 * kept because reloading would miss the target), the peak bound where bursts of long prompts meet a tight TTFT target
 * and a long cold start; none of them captures queueing (a replica that is busy 70 % of the time already makes
 * requests wait), so under load every schedule that meets the SLO sits well above the bound. Tests check the bound against the best
 * schedule found by brute force on small traces, and against every baseline.
 */
public final class Oracle {
  /** Minutes with more than this many arrivals and internal gaps that matter are not searched: all their time counts as off. */
  private static final long SEARCH_LIMIT = 20_000_000L;

  private Oracle() {}

  /**
   * The two bounds and the larger, in GPU-hours.
   *
   * @param workGpuHours the prefill and decode work at the model's peak rates
   * @param presenceGpuHours the time some replica must exist, times the GPUs of one replica
   */
  public record Bound(double workGpuHours, double presenceGpuHours, double peakGpuHours) {
    public double gpuHours() {
      return Math.max(workGpuHours, Math.max(presenceGpuHours, peakGpuHours));
    }
  }

  /** The lower bound in GPU-hours for schedules that meet {@code slo} in at least {@code minuteTarget} of the minutes. */
  public static double lowerBoundGpuHours(Trace trace, ModelProfile profile, Backtest.Slo slo, double minuteTarget) {
    return bound(trace, profile, slo, minuteTarget).gpuHours();
  }

  public static Bound bound(Trace trace, ModelProfile profile, Backtest.Slo slo, double minuteTarget) {
    if (!(minuteTarget >= 0 && minuteTarget <= 1)) {
      throw new IllegalArgumentException("minuteTarget must be within [0, 1], got " + minuteTarget);
    }
    TreeMap<Long, List<InferenceRequest>> minutes = new TreeMap<>();
    for (InferenceRequest r : trace.requests()) {
      minutes.computeIfAbsent(minuteOf(r.arrival()), k -> new ArrayList<>()).add(r);
    }
    if (minutes.isEmpty()) {
      return new Bound(0, 0, 0);
    }
    int missable = (int) Math.floor(minutes.size() * (1 - minuteTarget) + 1e-9);
    double gpus = profile.gpusPerReplica();
    return new Bound(work(minutes, profile, missable) * gpus / 3600, presence(minutes, profile, slo, missable) * gpus / 3600,
        peak(minutes, profile, slo, missable) * gpus / 3600);
  }

  static long minuteOf(double seconds) {
    return (long) Math.floor(seconds / 60);
  }

  /** The least busy time of a replica a request needs: its prompt at the prefill rate, the rest of its output at the peak decode rate. */
  public static double workSeconds(InferenceRequest r, ModelProfile profile) {
    return r.promptTokens() / profile.prefillTokensPerSecond() + Math.max(0, r.outputTokens() - 1) / peakDecodeRate(profile);
  }

  /** The most tokens per second a replica's batch decodes: at its largest batch, or alone where slowdown outweighs size. */
  static double peakDecodeRate(ModelProfile profile) {
    return Math.max(profile.aggregateDecodeRate(1), profile.aggregateDecodeRate(profile.maxNumSeqs()));
  }

  /**
   * The bound for what {@link Backtest#run} scores under {@code setup}: the requests arriving after its warm-up (GPU
   * time is counted from there too), at {@link Backtest#MINUTE_TARGET}.
   */
  public static Bound bound(Trace trace, Backtest.Setup setup) {
    double from = setup.warmupSeconds();
    Trace scored = from == 0 ? trace : Traces.window(trace, from, Double.POSITIVE_INFINITY);
    return bound(scored, setup.profile(), setup.slo(), Backtest.MINUTE_TARGET);
  }

  /** Replica-seconds of work, leaving out the {@code missable} heaviest minutes. */
  private static double work(TreeMap<Long, List<InferenceRequest>> minutes, ModelProfile profile, int missable) {
    double[] perMinute = new double[minutes.size()];
    int m = 0;
    for (List<InferenceRequest> minute : minutes.values()) {
      for (InferenceRequest r : minute) {
        perMinute[m] += workSeconds(r, profile);
      }
      m++;
    }
    return sumLeavingOutLargest(perMinute, missable);
  }

  /** Seconds from 0 to the last arrival during which some replica must exist. */
  private static double presence(TreeMap<Long, List<InferenceRequest>> minutes, ModelProfile profile, Backtest.Slo slo, int missable) {
    double deduction = profile.modelLoadSeconds() - slo.ttftSeconds();
    if (deduction <= 0) {
      return 0;
    }
    double end = minutes.lastEntry().getValue().stream().mapToDouble(InferenceRequest::arrival).max().orElseThrow();
    double[][] arrivals = new double[minutes.size()][];
    long work = 0;
    int m = 0;
    for (List<InferenceRequest> minute : minutes.values()) {
      arrivals[m] = minute.stream().mapToDouble(InferenceRequest::arrival).sorted().toArray();
      long f = allowance(arrivals[m].length) + 1;
      work += arrivals[m++].length * f * f;
    }
    if (missable == 0 && work <= SEARCH_LIMIT) {
      return end - longestOffEveryMinuteMet(arrivals, end, deduction);
    }
    // Minutes without arrivals can be off whole. Per minute with arrivals: the time it must have a replica if it meets the SLO.
    double[] mustServe = new double[minutes.size()];
    m = 0;
    for (long minute : minutes.keySet()) {
      double from = 60.0 * minute;
      double to = Math.min(from + 60, end);
      double[] t = arrivals[m];
      mustServe[m++] = (to - from) - longestOff(t, from, to, allowance(t.length), deduction);
    }
    return sumLeavingOutLargest(mustServe, missable); // the minutes allowed to miss the SLO can be off whole
  }

  /**
   * Where every minute must meet the SLO, the longest total of off periods in {@code [0, end]}, searched over the whole
   * trace at once (no cut at minute boundaries): a dynamic programme over which arrivals meet the TTFT target, at most
   * each minute's allowance missing it. Between two consecutive arrivals that meet it the off time is at most their gap
   * less {@code deduction}; before the first one, its arrival time less {@code deduction} (a replica that was there at
   * the start and went away must load again); after the last one, up to {@code end}. A minute with arrivals cannot
   * miss all of them, so consecutive arrivals that meet the target lie in the same or in consecutive minutes with arrivals.
   *
   * @param arrivals per minute with arrivals, in order, its sorted arrival times
   */
  static double longestOffEveryMinuteMet(double[][] arrivals, double end, double deduction) {
    int minutes = arrivals.length;
    double[][][] best = new double[minutes][][]; // [minute][position][misses so far in the minute]
    for (int m = 0; m < minutes; m++) {
      int f = allowance(arrivals[m].length);
      best[m] = new double[arrivals[m].length][f + 1];
      for (double[] row : best[m]) {
        Arrays.fill(row, Double.NEGATIVE_INFINITY);
      }
    }
    int f0 = allowance(arrivals[0].length);
    for (int j = 0; j <= f0 && j < arrivals[0].length; j++) {
      best[0][j][j] = Math.max(0, arrivals[0][j] - deduction);
    }
    double answer = Double.NEGATIVE_INFINITY;
    for (int m = 0; m < minutes; m++) {
      double[] t = arrivals[m];
      int k = t.length;
      int f = allowance(k);
      for (int i = 0; i < k; i++) {
        for (int u = 0; u <= f; u++) {
          double here = best[m][i][u];
          if (here == Double.NEGATIVE_INFINITY) {
            continue;
          }
          for (int j = i + 1; j < k && u + (j - i - 1) <= f; j++) { // the next to meet it is in this minute
            int used = u + (j - i - 1);
            best[m][j][used] = Math.max(best[m][j][used], here + Math.max(0, t[j] - t[i] - deduction));
          }
          int rest = u + (k - 1 - i); // every later arrival of this minute misses
          if (rest > f) {
            continue;
          }
          if (m == minutes - 1) {
            answer = Math.max(answer, here + (end - t[i]));
          } else { // the next to meet it is among the first of the next minute with arrivals
            double[] next = arrivals[m + 1];
            int fn = allowance(next.length);
            for (int j = 0; j <= fn && j < next.length; j++) {
              best[m + 1][j][j] = Math.max(best[m + 1][j][j], here + Math.max(0, next[j] - t[i] - deduction));
            }
          }
        }
      }
    }
    return Math.max(0, answer);
  }

  /**
   * Replica-seconds forced by bursts of prefill work (see the class comment): for every window {@code W = [a_i, a_j + ttft]}
   * (no longer than a cold start), the prompts of the requests arriving in it that meet their TTFT target are prefilled
   * inside it, one at a time per replica, so some instant of W has at least {@code ceil(work / |W|)} replicas ready,
   * each of them held since a cold start before: at every instant τ with {@code W ⊂ [τ, τ + c]} at least that many are
   * held. The heaviest prompts a window's minutes may let miss (their p95 allowances, and every request of the
   * {@code missable} largest minutes) are left out of its work. The envelope of those counts over τ is integrated on
   * whole seconds it covers entirely (never above the true integral). Windows are searched up to {@code ttft + 60} s long.
   */
  private static double peak(TreeMap<Long, List<InferenceRequest>> minutes, ModelProfile profile, Backtest.Slo slo, int missable) {
    double c = profile.modelLoadSeconds();
    double ttft = slo.ttftSeconds();
    double longest = Math.min(c, ttft + 60);
    if (longest < ttft) {
      return 0;
    }
    List<InferenceRequest> all = new ArrayList<>();
    minutes.values().forEach(all::addAll);
    all.sort(java.util.Comparator.comparingDouble(InferenceRequest::arrival));
    int n = all.size();
    double[] a = new double[n];
    double[] p = new double[n];
    long[] minute = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = all.get(i).arrival();
      p[i] = all.get(i).promptTokens() / profile.prefillTokensPerSecond();
      minute[i] = minuteOf(a[i]);
    }
    double end = a[n - 1] + ttft;
    int[] held = new int[(int) Math.ceil(end) + 1]; // per whole second [s, s + 1): the most replicas it must hold
    int[] froms = new int[n];
    int[] needs = new int[n];
    for (int i = 0; i < n; i++) {
      TopSum top = new TopSum();
      double sum = 0;
      int misses = 0;
      long lastMinute = Long.MIN_VALUE;
      List<Integer> minuteSizes = new ArrayList<>();
      int windows = 0;
      for (int j = i; j < n && a[j] + ttft - a[i] <= longest + 1e-9; j++) {
        if (minute[j] != lastMinute) { // a new minute in the window: its allowance (and its size, if it may miss whole)
          lastMinute = minute[j];
          misses += allowance(minutes.get(minute[j]).size());
          minuteSizes.add(minutes.get(minute[j]).size());
        }
        sum += p[j];
        top.add(p[j]);
        double work = sum - top.largest(misses + largest(minuteSizes, missable));
        double length = a[j] + ttft - a[i];
        froms[windows] = (int) Math.ceil(Math.max(0, a[j] + ttft - c)); // held over [a_j + ttft - c, a_i]
        needs[windows++] = (int) Math.ceil(work / length - 1e-9);
      }
      // The windows starting at a_i end later and later: a whole second s in [from_j, a_i) holds the most any of them
      // with from_j <= s needs.
      int to = (int) Math.floor(a[i]);
      int most = 0;
      int w = 0;
      for (int sec = windows == 0 ? to : froms[0]; sec < to; sec++) {
        while (w < windows && froms[w] <= sec) {
          most = Math.max(most, needs[w++]);
        }
        if (held[sec] < most) {
          held[sec] = most;
        }
      }
    }
    long total = 0;
    for (int h : held) {
      total += h;
    }
    return total;
  }

  private static int largest(List<Integer> sizes, int count) {
    if (count == 0) {
      return 0;
    }
    List<Integer> sorted = new ArrayList<>(sizes);
    sorted.sort(java.util.Comparator.reverseOrder());
    int sum = 0;
    for (int k = 0; k < Math.min(count, sorted.size()); k++) {
      sum += sorted.get(k);
    }
    return sum;
  }

  /** Values added one by one; the sum of the largest {@code k} of them for a growing {@code k}. */
  private static final class TopSum {
    private final java.util.PriorityQueue<Double> top = new java.util.PriorityQueue<>(); // the largest, smallest first
    private final java.util.PriorityQueue<Double> rest = new java.util.PriorityQueue<>(java.util.Comparator.reverseOrder());
    private double topSum;

    void add(double v) {
      top.add(v);
      topSum += v;
      if (!rest.isEmpty() && rest.peek() > top.peek()) { // keep every value in top at least every value in rest
        double small = top.poll();
        double big = rest.poll();
        top.add(big);
        rest.add(small);
        topSum += big - small;
      }
    }

    double largest(int k) {
      while (top.size() > k) {
        double v = top.poll();
        topSum -= v;
        rest.add(v);
      }
      while (top.size() < k && !rest.isEmpty()) {
        double v = rest.poll();
        topSum += v;
        top.add(v);
      }
      return topSum;
    }
  }

  /** How many of {@code n} arrivals may miss the target while the minute's p95 (nearest rank) still meets it. */
  static int allowance(int n) {
    return n - (Backtest.p95Index(n) + 1);
  }

  /**
   * The longest total of off periods within {@code [from, to]} when at most {@code allowance} of the sorted arrivals
   * {@code t} miss the target: pieces touching {@code from} or {@code to} count whole, a piece between two arrivals that
   * meet it counts its gap less {@code deduction}.
   */
  static double longestOff(double[] t, double from, double to, int allowance, double deduction) {
    int k = t.length;
    if (k <= allowance) {
      return to - from;
    }
    if (deduction >= to - from) {
      // No gap inside the minute can be long enough: only the two ends count. Let the first i and last j arrivals miss.
      double best = 0;
      for (int i = 0; i <= allowance; i++) {
        best = Math.max(best, (t[i] - from) + (to - t[k - 1 - (allowance - i)]));
      }
      return best;
    }
    if ((long) k * (allowance + 1) * (allowance + 1) > SEARCH_LIMIT) {
      return to - from; // too large to search: count all of it as off (still a lower bound, only a weaker one)
    }
    // best[i][u]: the longest off total up to arrival i, which meets the target, having let u arrivals miss it.
    double[][] best = new double[k][allowance + 1];
    for (double[] row : best) {
      Arrays.fill(row, Double.NEGATIVE_INFINITY);
    }
    double answer = 0;
    for (int i = 0; i < k; i++) {
      if (i <= allowance) {
        best[i][i] = t[i] - from;
      }
      for (int u = 0; u <= allowance; u++) {
        double here = best[i][u];
        if (here == Double.NEGATIVE_INFINITY) {
          continue;
        }
        for (int j = i + 1; j < k && u + (j - i - 1) <= allowance; j++) {
          int used = u + (j - i - 1);
          best[j][used] = Math.max(best[j][used], here + Math.max(0, t[j] - t[i] - deduction));
        }
        if (u + (k - 1 - i) <= allowance) {
          answer = Math.max(answer, here + (to - t[i]));
        }
      }
    }
    return answer;
  }

  private static double sumLeavingOutLargest(double[] values, int leaveOut) {
    return Arrays.stream(values).sum() - sumLargest(values, leaveOut);
  }

  private static double sumLargest(double[] values, int count) {
    double[] s = values.clone();
    Arrays.sort(s);
    double sum = 0;
    for (int i = 0; i < Math.min(count, s.length); i++) {
      sum += s[s.length - 1 - i];
    }
    return sum;
  }
}
