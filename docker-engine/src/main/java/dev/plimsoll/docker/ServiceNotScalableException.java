package dev.plimsoll.docker;

/**
 * The service is not in replicated mode (global, or a job), so it has no replica count to set: a global service
 * runs one task per eligible node and grows only with the nodes.
 */
public final class ServiceNotScalableException extends DockerEngineException {
  private final String service;
  private final String mode;

  public ServiceNotScalableException(String service, String mode) {
    super("service " + service + " runs in " + mode + " mode; only replicated services can be scaled", null);
    this.service = service;
    this.mode = mode;
  }

  public String service() {
    return service;
  }

  /** The Engine's mode name: {@code Global}, {@code ReplicatedJob}, {@code GlobalJob}, or what a newer Engine sends. */
  public String mode() {
    return mode;
  }
}
