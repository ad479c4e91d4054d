package dev.plimsoll.collector.discovery;

/** A discovery round of one source failed; the message says why (it is shown in readiness). */
public final class DiscoveryException extends RuntimeException {
  public DiscoveryException(String message) {
    super(message, null, false, false);
  }
}
