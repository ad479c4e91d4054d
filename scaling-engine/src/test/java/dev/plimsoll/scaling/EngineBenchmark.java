package dev.plimsoll.scaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Engine throughput on one thread: 10,000 workloads × 3 metrics, each evaluated with its own history
 * of recommendations (5 min of one per 15 s) and scale events, as a scaler would. Prints evaluations per
 * second and the latency distribution of single evaluations. Run by {@code deploy/local/bench-engine.sh};
 * not a unit test.
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  public static void main(String[] args) {
    int workloads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    SplittableRandom random = new SplittableRandom(7);
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    List<HpaEngine.Request> requests = new ArrayList<>(workloads);
    ScalingSpec spec = new ScalingSpec(1, 50, List.of(
        new MetricSpec("queue_depth", TargetType.AVERAGE_VALUE, 5),
        new MetricSpec("kv_cache_usage", TargetType.UTILIZATION, 80),
        new MetricSpec("ttft_p95_seconds", TargetType.VALUE, 0.5)), null, null);
    for (int w = 0; w < workloads; w++) {
      int current = 1 + random.nextInt(20);
      List<History.Recommendation> recs = new ArrayList<>();
      for (int s = 0; s < 300; s += 15) {
        recs.add(new History.Recommendation(now.minusSeconds(s), Math.max(1, current + random.nextInt(-2, 3))));
      }
      List<History.ScaleEvent> events = List.of(new History.ScaleEvent(now.minusSeconds(random.nextInt(60)), random.nextInt(-2, 3)));
      requests.add(new HpaEngine.Request(spec, current, List.of(), Map.of(
          "queue_depth", MetricInput.total(random.nextDouble() * 10 * current),
          "kv_cache_usage", MetricInput.total(random.nextDouble() * 100),
          "ttft_p95_seconds", MetricInput.total(random.nextDouble())), recs, events, now));
    }
    HpaEngine engine = new HpaEngine();
    long sink = 0;
    // Warm-up, then timed passes.
    long warmEnd = System.nanoTime() + (long) (Math.max(2, seconds / 3) * 1e9);
    while (System.nanoTime() < warmEnd) {
      for (HpaEngine.Request r : requests) {
        sink += engine.evaluate(r).desiredReplicas();
      }
    }
    long[] latencies = new long[Math.min(2_000_000, workloads * 50)];
    int n = 0;
    long evaluations = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      for (HpaEngine.Request r : requests) {
        long t0 = System.nanoTime();
        sink += engine.evaluate(r).desiredReplicas();
        long t1 = System.nanoTime();
        if (n < latencies.length) {
          latencies[n++] = t1 - t0;
        }
        evaluations++;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("java %s; %d workloads x 3 metrics, 20 recommendations and 1 scale event each%n", System.getProperty("java.version"), workloads);
    report(evaluations, elapsed, latencies, n);
    sink += wholePolicies(workloads, seconds, spec, now);
    if (sink == 42) {
      System.out.println();
    }
  }

  /**
   * The same workloads under a whole policy (an open schedule, panic mode, predictive scale-up over 300 s of
   * history, a fallback), each {@link WorkloadScaler} evaluated once per simulated second as the live loop does,
   * so each keeps 300 values per metric.
   */
  private static long wholePolicies(int workloads, double seconds, ScalingSpec spec, Instant start) {
    AutoscalingPolicy policy = new AutoscalingPolicy(spec,
        List.of(new Schedule("always", null, java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MIDNIGHT, java.time.ZoneId.of("UTC"), 2, null)),
        Panic.DEFAULT, new Predictive(180, 300), new Fallback(3, 4, Fallback.Behavior.STATIC), Pause.NONE);
    SplittableRandom random = new SplittableRandom(11);
    WorkloadScaler[] scalers = new WorkloadScaler[workloads];
    int[] current = new int[workloads];
    List<List<Map<String, MetricInput>>> inputs = new ArrayList<>();
    for (int w = 0; w < workloads; w++) {
      scalers[w] = new WorkloadScaler();
      current[w] = 2 + random.nextInt(20);
      List<Map<String, MetricInput>> cycle = new ArrayList<>();
      for (int k = 0; k < 7; k++) {
        cycle.add(Map.of("queue_depth", MetricInput.total(random.nextDouble() * 5 * current[w]),
            "kv_cache_usage", MetricInput.total(random.nextDouble() * 80),
            "ttft_p95_seconds", MetricInput.total(random.nextDouble() * 0.5)));
      }
      inputs.add(cycle);
    }
    long sink = 0;
    long second = 0;
    // Warm-up: the first 300 simulated seconds fill every workload's history.
    for (; second < 300; second++) {
      Instant now = start.plusSeconds(second);
      for (int w = 0; w < workloads; w++) {
        sink += scalers[w].evaluate(policy, current[w], List.of(), inputs.get(w).get((int) (second % 7)), now).desiredReplicas();
      }
    }
    long[] latencies = new long[Math.min(2_000_000, workloads * 50)];
    int n = 0;
    long evaluations = 0;
    long t0 = System.nanoTime();
    long end = t0 + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      Instant now = start.plusSeconds(second++);
      for (int w = 0; w < workloads; w++) {
        long a = System.nanoTime();
        sink += scalers[w].evaluate(policy, current[w], List.of(), inputs.get(w).get((int) (second % 7)), now).desiredReplicas();
        long b = System.nanoTime();
        if (n < latencies.length) {
          latencies[n++] = b - a;
        }
        evaluations++;
      }
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.out.printf("%nwhole policies: schedule + panic + predictive (300 s lookback, 1 evaluation per simulated second) + fallback%n");
    report(evaluations, elapsed, latencies, n);
    System.out.printf("heap in use with %d workloads' state: %.0f MiB%n", workloads, (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    java.lang.ref.Reference.reachabilityFence(scalers);
    return sink;
  }

  /** Prints the throughput and the latency distribution of the timed evaluations. */
  private static void report(long evaluations, double elapsed, long[] latencies, int n) {
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    System.out.printf("%.0f evaluations/s on one thread (%d in %.1f s)%n", evaluations / elapsed, evaluations, elapsed);
    System.out.printf("latency of one evaluation: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us (%d timed)%n",
        sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3, sorted[(int) (n * 0.999)] / 1e3, sorted[n - 1] / 1e3, n);
  }
}
