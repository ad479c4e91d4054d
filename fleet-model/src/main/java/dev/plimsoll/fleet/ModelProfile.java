package dev.plimsoll.fleet;

import java.util.List;
import java.util.Optional;

/**
 * How fast one replica of a model serves, on its GPUs, under vLLM-style continuous batching.
 *
 * <p>Decode slows down as the batch grows: one sequence of a batch of {@code b} decodes at
 * {@code decodeTokensPerSecond / (1 + batchSlowdown * (b - 1))} tokens per second, so the replica's aggregate
 * decode throughput {@code b} times that still rises with the batch and saturates at
 * {@code decodeTokensPerSecond / batchSlowdown}.
 *
 * @param name                   the profile's key, e.g. {@code llama-3.1-8b-h100}
 * @param modelName              the served model, vLLM's {@code model_name} label
 * @param gpusPerReplica         GPUs one replica needs, all on one node (tensor parallelism)
 * @param prefillTokensPerSecond prompt tokens processed per second (compute-bound, one prompt at a time)
 * @param decodeTokensPerSecond  tokens per second of one sequence decoding alone (batch of 1)
 * @param batchSlowdown          per extra sequence in the batch, the fractional slowdown of each sequence, {@code >= 0}
 * @param maxNumSeqs             at most this many sequences run at once (vLLM's {@code --max-num-seqs})
 * @param kvCacheTokens          KV-cache capacity in tokens; a running request holds its prompt plus its output
 * @param modelLoadSeconds       cold start: from getting GPUs until the replica serves
 */
public record ModelProfile(String name, String modelName, int gpusPerReplica, double prefillTokensPerSecond,
    double decodeTokensPerSecond, double batchSlowdown, int maxNumSeqs, long kvCacheTokens, double modelLoadSeconds) {

  /**
   * Llama 3.1 8B Instruct (bf16) on one H100 80GB under vLLM. Rough published figures, to be refined and cited
   * in issue 5: prefill ~15k tokens/s (compute-bound; 8B parameters need ~16 GFLOP per token); ~140 tokens/s
   * for a single sequence (about 7 ms per output token); aggregate decode saturating towards ~7k tokens/s, about
   * 5.9k tokens/s at 256 sequences (about 43 ms per output token) as vLLM throughput benchmarks show;
   * {@code --max-num-seqs} 256 (vLLM's default); 400k tokens of KV cache (128 KiB per token, ~52 GiB left after
   * the weights at {@code gpu_memory_utilization} 0.9); 60 s to pull and load the weights.
   */
  public static final ModelProfile LLAMA_3_1_8B_H100 = new ModelProfile("llama-3.1-8b-h100",
      "meta-llama/Llama-3.1-8B-Instruct", 1, 15_000, 140, 0.02, 256, 400_000, 60);

  /**
   * Llama 3.1 70B Instruct (bf16) on four H100 80GB (tensor parallel 4) under vLLM. Rough published figures, to
   * be refined and cited in issue 5: prefill ~6k tokens/s; ~45 tokens/s for a single sequence; aggregate decode
   * saturating towards ~3k tokens/s; 400k tokens of KV cache (320 KiB per token over ~140 GB left after the
   * weights); 180 s to load ~140 GB of weights.
   */
  public static final ModelProfile LLAMA_3_1_70B_H100X4 = new ModelProfile("llama-3.1-70b-h100x4",
      "meta-llama/Llama-3.1-70B-Instruct", 4, 6_000, 45, 0.015, 256, 400_000, 180);

  private static final List<ModelProfile> KNOWN = List.of(LLAMA_3_1_8B_H100, LLAMA_3_1_70B_H100X4);

  public ModelProfile {
    requireText("name", name);
    requireText("modelName", modelName);
    requirePositive("gpusPerReplica", gpusPerReplica);
    requirePositive("prefillTokensPerSecond", prefillTokensPerSecond);
    requirePositive("decodeTokensPerSecond", decodeTokensPerSecond);
    if (!(batchSlowdown >= 0) || Double.isInfinite(batchSlowdown)) {
      throw new IllegalArgumentException("batchSlowdown must be a finite number >= 0, got " + batchSlowdown);
    }
    requirePositive("maxNumSeqs", maxNumSeqs);
    requirePositive("kvCacheTokens", kvCacheTokens);
    if (!(modelLoadSeconds >= 0) || Double.isInfinite(modelLoadSeconds)) {
      throw new IllegalArgumentException("modelLoadSeconds must be a finite number >= 0, got " + modelLoadSeconds);
    }
  }

  /** The built-in profiles. */
  public static List<ModelProfile> known() {
    return KNOWN;
  }

  /** A built-in profile by {@link #name()}. */
  public static Optional<ModelProfile> named(String name) {
    return KNOWN.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Tokens per second of each sequence when {@code batch} sequences decode together. */
  public double perSequenceDecodeRate(int batch) {
    return decodeTokensPerSecond / (1 + batchSlowdown * (Math.max(batch, 1) - 1));
  }

  /** Tokens per second of the whole replica when {@code batch} sequences decode together. */
  public double aggregateDecodeRate(int batch) {
    return Math.max(batch, 1) * perSequenceDecodeRate(batch);
  }

  /** This profile with another cold-start time (simulated seconds). */
  public ModelProfile withModelLoadSeconds(double seconds) {
    return new ModelProfile(name, modelName, gpusPerReplica, prefillTokensPerSecond, decodeTokensPerSecond,
        batchSlowdown, maxNumSeqs, kvCacheTokens, seconds);
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  private static void requirePositive(String what, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number > 0, got " + value);
    }
  }
}
