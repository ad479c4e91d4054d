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

  // Where the numbers come from (every profile below; bf16, vLLM, ShareGPT prompts of ~205 tokens). Lambda's vLLM
  // benchmark ran each model with 10 and with 320 prompts sent at once and published the raw benchmark_serving.py
  // results: https://github.com/LambdaLabsML/vllm-benchmark/tree/main/results/prompt_10/<GPUs>/<model>.json and
  // .../prompt_320/... (runs of 2024-09-07/08; Meta-Llama-3-8B-Instruct and Meta-Llama-3-70B-Instruct, the same
  // architectures as Llama 3.1). From them:
  // - decode: the per-token time t(b) = t1 × (1 + batchSlowdown × (b − 1)) is put through the median time per output
  //   token (median_tpot_ms) at 10 and at 320 concurrent requests: batchSlowdown = (r − 1) / (319 − 9 r) with
  //   r = tpot320 / tpot10, and decodeTokensPerSecond = 1000 / t1 with t1 = tpot10 / (1 + 9 × batchSlowdown);
  // - prefill: the 10 prompts (1,369 tokens together) reached their first token after median_ttft_ms, so
  //   prefillTokensPerSecond = 1369 / ttft — a lower bound (short prompts are dominated by fixed costs), so
  //   conservative;
  // - KV cache: (0.9 × 81,559 MiB − weights per GPU) / KV bytes per token per GPU, vLLM's default
  //   gpu_memory_utilization 0.9 and the 80 GB cards' memory as GPU feature discovery labels it
  //   (nvidia.com/gpu.memory=81559). Bytes per token = 2 (K and V) × layers × KV heads × head dim 128 × 2 bytes: Llama
  //   3.1 8B has 32 layers and 8 KV heads (128 KiB per token), 70B 80 layers and 8 KV heads (320 KiB, split over the
  //   tensor-parallel GPUs), per Meta's config.json (https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct and
  //   .../Llama-3.1-70B-Instruct). Weights: 8B 14.96 GiB (vLLM logs "Loading model weights took 14.9595 GB"), 70B
  //   70.55 billion parameters × 2 bytes = 131.4 GiB. An upper bound: vLLM also keeps activation memory back.
  // - maxNumSeqs: 256, vLLM's default --max-num-seqs.
  // - cold start: no published figure for these exact pairs was found. 8B: 60 s, inside the "30-100+ seconds" a
  //   full model reload takes per vLLM's sleep-mode post (https://blog.vllm.ai/2025/10/26/sleep-mode.html). 70B:
  //   215 s, the startup a vLLM maintainer itemised for Llama-70B on 8 GPUs (~60 s P2P check, ~10 s weights from the
  //   page cache, ~15 s bytecode conversion, ~70 s torch.compile, ~60 s CUDA graphs;
  //   https://github.com/vllm-project/vllm/issues/19824).
  // Check (ModelProfileCalibrationTest): replaying Lambda's sustained 5,000-prompt runs (benchmark_v0.md: Llama 3.1
  // 8B, tp 1, 8,088 output tokens/s; 70B, tp 4, 3,543 tokens/s) through the fleet model lands within 25 % of them.

  /**
   * Llama 3.1 8B Instruct on one H100 80GB SXM. Lambda 1xH100-80GB-SXM: median TPOT 7.558 ms at 10 requests,
   * 20.03 ms at 320 (r 2.650, slowdown 0.00559, t1 7.196 ms); TTFT 62.19 ms for the 10 prompts (22.0k tokens/s);
   * KV (73,403 − 15,319 MiB) / 0.125 MiB = 464k tokens; cold start 60 s.
   */
  public static final ModelProfile LLAMA_3_1_8B_H100 = new ModelProfile("llama-3.1-8b-h100",
      "meta-llama/Llama-3.1-8B-Instruct", 1, 22_000, 139, 0.00559, 256, 464_000, 60);

  /**
   * Llama 3.1 8B Instruct on one A100 80GB SXM. Lambda 1xA100-80GB-SXM: median TPOT 12.01 ms at 10 requests,
   * 40.86 ms at 320 (r 3.401, slowdown 0.00833, t1 11.18 ms); TTFT 126.7 ms for the 10 prompts (10.8k tokens/s);
   * KV as on the H100 (same memory): 464k tokens; cold start 60 s.
   */
  public static final ModelProfile LLAMA_3_1_8B_A100 = new ModelProfile("llama-3.1-8b-a100",
      "meta-llama/Llama-3.1-8B-Instruct", 1, 10_800, 89.5, 0.00833, 256, 464_000, 60);

  /**
   * Llama 3.1 70B Instruct on four H100 80GB SXM (tensor parallel 4). Lambda 4xH100-80GB-SXM: median TPOT 18.12 ms
   * at 10 requests, 39.05 ms at 320 (r 2.156, slowdown 0.00386, t1 17.51 ms); TTFT 140.6 ms for the 10 prompts
   * (9.7k tokens/s); KV per GPU (73,403 − 33,638 MiB) / 0.078125 MiB = 509k tokens; cold start 215 s.
   */
  public static final ModelProfile LLAMA_3_1_70B_H100X4 = new ModelProfile("llama-3.1-70b-h100x4",
      "meta-llama/Llama-3.1-70B-Instruct", 4, 9_700, 57.1, 0.00386, 256, 509_000, 215);

  /**
   * Llama 3.1 70B Instruct on four A100 80GB SXM (tensor parallel 4). Lambda 4xA100-80GB-SXM: median TPOT 29.55 ms
   * at 10 requests, 84.73 ms at 320 (r 2.867, slowdown 0.00637, t1 27.95 ms); TTFT 356.1 ms for the 10 prompts
   * (3.8k tokens/s); KV as on the H100s: 509k tokens; cold start 215 s.
   */
  public static final ModelProfile LLAMA_3_1_70B_A100X4 = new ModelProfile("llama-3.1-70b-a100x4",
      "meta-llama/Llama-3.1-70B-Instruct", 4, 3_800, 35.8, 0.00637, 256, 509_000, 215);

  private static final List<ModelProfile> KNOWN = List.of(LLAMA_3_1_8B_H100, LLAMA_3_1_8B_A100, LLAMA_3_1_70B_H100X4,
      LLAMA_3_1_70B_A100X4);

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
