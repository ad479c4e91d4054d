package dev.plimsoll.scaler.policy;

import dev.plimsoll.events.SignalNames;
import java.util.List;

/**
 * The signal names a policy may scale on: every constant of {@link SignalNames}. Listed here because the
 * events module has no list (a test checks that this one matches it).
 */
public final class KnownSignals {

  /** In the order of {@link SignalNames}. */
  public static final List<String> ALL = List.of(
      SignalNames.QUEUE_DEPTH,
      SignalNames.REQUESTS_RUNNING,
      SignalNames.GENERATION_TOKENS_PER_SECOND,
      SignalNames.TTFT_P95_SECONDS,
      SignalNames.KV_CACHE_USAGE);

  /** The validation message; a constant because annotation values must be. Keep in step with {@link #ALL}. */
  static final String MESSAGE =
      "must be one of queue_depth, requests_running, generation_tokens_per_second, ttft_p95_seconds, kv_cache_usage";

  private KnownSignals() {}
}
