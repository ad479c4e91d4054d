package dev.plimsoll.docker;

/**
 * Every failure of a {@link DockerEngine} call: unchecked, so callers on a worker thread can let it propagate to
 * one handler, and sealed, so that handler can tell "retry later" (unreachable, timeout) from "fix the request"
 * (an API error, a service that cannot be scaled).
 */
public abstract sealed class DockerEngineException extends RuntimeException
    permits DockerEngineException.Unreachable, DockerEngineException.Timeout, DockerEngineException.Protocol,
        DockerApiException, ServiceNotScalableException, ScaleConflictException {

  DockerEngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /** No connection could be made: the socket is missing, refused, or the name does not resolve. */
  public static final class Unreachable extends DockerEngineException {
    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The connection or the exchange did not finish within {@link EngineOptions}' timeouts. */
  public static final class Timeout extends DockerEngineException {
    public Timeout(String message) {
      super(message, null);
    }
  }

  /** The peer answered, but not with HTTP or JSON of the expected shape, or with too large a body. */
  public static final class Protocol extends DockerEngineException {
    public Protocol(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
