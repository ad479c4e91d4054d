package dev.plimsoll.scaler.target;

/** Reading or setting a workload's replica count failed; the message is recorded on the decision. */
public class ActuationException extends RuntimeException {
  private final boolean notFound;

  public ActuationException(String message) {
    this(message, null, false);
  }

  public ActuationException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public ActuationException(String message, Throwable cause, boolean notFound) {
    super(message, cause);
    this.notFound = notFound;
  }

  /** The platform said the workload does not exist (HTTP 404 from the simulator, Kubernetes or Docker). */
  public boolean notFound() {
    return notFound;
  }
}
