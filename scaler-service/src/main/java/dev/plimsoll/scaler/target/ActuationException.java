package dev.plimsoll.scaler.target;

/** Reading or setting a workload's replica count failed; the message is recorded on the decision. */
public class ActuationException extends RuntimeException {

  public ActuationException(String message) {
    super(message);
  }

  public ActuationException(String message, Throwable cause) {
    super(message, cause);
  }
}
