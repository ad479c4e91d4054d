package dev.plimsoll.fleet;

import java.util.Locale;

/** Why a request left a replica: vLLM's {@code finished_reason} label values. */
public enum FinishReason {
  /** The model stopped on its own (end of sequence). The simulator finishes every trace request this way. */
  STOP,
  /** The request hit its {@code max_tokens}. */
  LENGTH,
  /** The request was cut off, here because its replica was removed while it ran (or it can never fit). */
  ABORT;

  /** The label value vLLM prints, e.g. {@code stop}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
