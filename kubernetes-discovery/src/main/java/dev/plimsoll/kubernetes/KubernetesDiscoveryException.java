package dev.plimsoll.kubernetes;

/** Discovery could not list or watch what it needs; {@link #getMessage()} says what and, for RBAC, which permission. */
public class KubernetesDiscoveryException extends RuntimeException {

  public enum Failure {
    /** HTTP 403: the service account lacks list/watch on pods or replicasets. */
    FORBIDDEN,
    /** HTTP 401: the credentials were refused. */
    UNAUTHORIZED,
    /** The API server could not be reached (connection refused, DNS, TLS, ...). */
    UNREACHABLE,
    /** The initial list did not complete within the configured sync timeout. */
    TIMEOUT,
    /** Anything else, e.g. an unexpected HTTP status. */
    OTHER
  }

  private final Failure failure;

  public KubernetesDiscoveryException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
