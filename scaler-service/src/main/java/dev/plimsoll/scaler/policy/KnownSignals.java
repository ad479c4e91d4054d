package dev.plimsoll.scaler.policy;

import dev.plimsoll.events.SignalNames;
import java.util.List;

/**
 * The collector's built-in signals: every constant of {@link SignalNames}; a policy on another name is accepted
 * with a warning. Listed here because the
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

  private KnownSignals() {}
}
