package dev.plimsoll.docker;

/**
 * Every attempt to scale lost a race with another writer of the same service (each update must name the version
 * it read, and only one update per version wins). The caller may retry on its next decision round.
 */
public final class ScaleConflictException extends DockerEngineException {
  private final String service;
  private final int attempts;

  public ScaleConflictException(String service, int attempts, DockerApiException last) {
    super("service " + service + " changed under every one of " + attempts + " scale attempts: " + last.engineMessage(), last);
    this.service = service;
    this.attempts = attempts;
  }

  public String service() {
    return service;
  }

  public int attempts() {
    return attempts;
  }
}
