package dev.plimsoll.collector.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The outcome of the latest discovery attempts, for the readiness check. */
@ApplicationScoped
public class DiscoveryStatus {

  /**
   * @param lastAttempt when the last attempt ended, null before the first
   * @param lastSuccess when an attempt last succeeded, null if none has
   * @param lastError the last attempt's error, null when it succeeded
   */
  public record State(Instant lastAttempt, Instant lastSuccess, String lastError) {
    /** Discovery works: it has succeeded and its last attempt did not fail. */
    public boolean healthy() {
      return lastSuccess != null && lastError == null;
    }
  }

  private volatile State state = new State(null, null, "discovery has not run yet");

  public void succeeded(Instant at) {
    state = new State(at, at, null);
  }

  public void failed(Instant at, String error) {
    state = new State(at, state.lastSuccess(), error);
  }

  public State state() {
    return state;
  }
}
