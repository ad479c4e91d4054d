package dev.plimsoll.fleet;

import java.util.Arrays;
import java.util.List;

/**
 * A Prometheus-style histogram: fixed upper bounds, a count per bucket, a sum and a count. Reading returns
 * cumulative counts (each bucket counts every observation {@code <=} its bound; the implicit {@code +Inf}
 * bucket equals {@link #count()}), exactly as Prometheus exposes them. Not thread-safe; copy it to read it
 * elsewhere.
 */
public final class Histogram {

  /** vLLM's buckets for {@code vllm:time_to_first_token_seconds}. */
  public static final List<Double> TTFT_BUCKETS = List.of(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
      0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
  /** vLLM's request-latency buckets ({@code vllm:e2e_request_latency_seconds}, queue time, ...). */
  public static final List<Double> REQUEST_LATENCY_BUCKETS = List.of(0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0,
      15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0);
  /** vLLM's buckets for {@code vllm:inter_token_latency_seconds}. */
  public static final List<Double> INTER_TOKEN_LATENCY_BUCKETS = List.of(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2,
      0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0);

  /**
   * vLLM's buckets for {@code vllm:request_prompt_tokens} and {@code vllm:request_generation_tokens}: 1, 2, 5, 10, 20, 50, …
   * up to the served model's {@code max_model_len} (131,072 tokens for Llama 3.1, so the last bound is 100,000).
   */
  public static final List<Double> TOKEN_BUCKETS = oneTwoFive(131_072);

  /** 1, 2, 5, 10, 20, 50, … while at most {@code max} (vLLM's {@code build_1_2_5_buckets}). */
  public static List<Double> oneTwoFive(long max) {
    java.util.ArrayList<Double> bounds = new java.util.ArrayList<>();
    for (long scale = 1; scale <= max; scale *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * scale <= max) {
          bounds.add((double) (m * scale));
        }
      }
    }
    return List.copyOf(bounds);
  }

  private final double[] bounds;
  private final long[] counts; // per bucket, not cumulative; the last slot is the +Inf bucket
  private double sum;
  private long count;

  /** @param bounds finite, strictly increasing upper bounds; {@code +Inf} is implicit */
  public Histogram(List<Double> bounds) {
    this.bounds = new double[bounds.size()];
    for (int i = 0; i < this.bounds.length; i++) {
      double b = bounds.get(i);
      if (!Double.isFinite(b) || (i > 0 && b <= this.bounds[i - 1])) {
        throw new IllegalArgumentException("histogram bounds must be finite and strictly increasing: " + bounds);
      }
      this.bounds[i] = b;
    }
    this.counts = new long[this.bounds.length + 1];
  }

  private Histogram(Histogram other) {
    this.bounds = other.bounds;
    this.counts = other.counts.clone();
    this.sum = other.sum;
    this.count = other.count;
  }

  /** Records one observation. */
  public void observe(double value) {
    observe(value, 1);
  }

  /** Records {@code times} observations of the same value (used for runs of equal inter-token gaps). */
  public void observe(double value, long times) {
    if (times <= 0) {
      return;
    }
    int i = Arrays.binarySearch(bounds, value);
    int bucket = i >= 0 ? i : -i - 1; // first bound >= value ('le' is inclusive)
    counts[bucket] += times;
    sum += value * times;
    count += times;
  }

  /** The finite upper bounds, in order. */
  public List<Double> bounds() {
    return Arrays.stream(bounds).boxed().toList();
  }

  /** Cumulative counts, one per bound plus a last one for {@code +Inf} (equal to {@link #count()}). */
  public long[] cumulativeCounts() {
    long[] cumulative = new long[counts.length];
    long running = 0;
    for (int i = 0; i < counts.length; i++) {
      running += counts[i];
      cumulative[i] = running;
    }
    return cumulative;
  }

  public double sum() {
    return sum;
  }

  public long count() {
    return count;
  }

  /** An independent copy, for reading outside the owner's lock. */
  public Histogram copy() {
    return new Histogram(this);
  }
}
