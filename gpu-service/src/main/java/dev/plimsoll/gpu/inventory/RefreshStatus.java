package dev.plimsoll.gpu.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of a cached inventory: the newest successful observation and how the last refresh went.
 *
 * @param lastSuccess the newest observation read, or null when none ever was
 * @param lastAttemptAt when the last refresh ended, or null before the first
 * @param lastError why the last refresh failed, or null when it succeeded (or none ran yet)
 */
public record RefreshStatus(Observation lastSuccess, Instant lastAttemptAt, String lastError) {

  public static final RefreshStatus INITIAL = new RefreshStatus(null, null, null);

  public RefreshStatus succeeded(Observation observation) {
    Objects.requireNonNull(observation, "observation");
    return new RefreshStatus(observation, observation.observedAt(), null);
  }

  /** Keeps the last good observation (callers may still serve it, saying how old it is). */
  public RefreshStatus failed(String error, Instant at) {
    return new RefreshStatus(lastSuccess, at, error == null || error.isBlank() ? "unknown error" : error);
  }

  /** Ready when an inventory was read and the last refresh did not fail. */
  public boolean ready() {
    return lastSuccess != null && lastError == null;
  }

  /** Why it is not ready, for health data and problems; null when ready. */
  public String notReadyReason() {
    if (ready()) {
      return null;
    }
    if (lastError != null) {
      return lastError;
    }
    return "no refresh has completed yet";
  }
}
