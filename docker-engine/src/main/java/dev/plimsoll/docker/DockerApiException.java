package dev.plimsoll.docker;

/**
 * The Engine answered with a non-2xx status; {@link #engineMessage()} is the Engine's own {@code {"message": ...}}
 * (for example {@code service nope not found}), or the raw body when it sent no such field.
 */
public final class DockerApiException extends DockerEngineException {
  private final int status;
  private final String engineMessage;
  private final String request;

  public DockerApiException(int status, String engineMessage, String request) {
    super("Docker Engine answered " + status + " to " + request + ": " + engineMessage, null);
    this.status = status;
    this.engineMessage = engineMessage;
    this.request = request;
  }

  public int status() {
    return status;
  }

  public String engineMessage() {
    return engineMessage;
  }

  /** The method and path, e.g. {@code GET /v1.41/services/web}. */
  public String request() {
    return request;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  /**
   * Whether another writer updated the object since it was read. Swarmkit reports this as a 500 with
   * "update out of sequence" (seen on Engine 20.10); a 409 is accepted too, in case a later Engine maps it.
   */
  public boolean isVersionConflict() {
    return status == 409 || engineMessage.contains("update out of sequence");
  }
}
