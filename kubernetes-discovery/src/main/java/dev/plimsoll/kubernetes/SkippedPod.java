package dev.plimsoll.kubernetes;

/**
 * A pod annotated {@code prometheus.io/scrape: "true"} that is not scraped, and why.
 *
 * @param detail for humans, e.g. {@code "phase is Pending"} or {@code "2 declared ports (app/8000, app/9090); set prometheus.io/port"}
 */
public record SkippedPod(String namespace, String pod, Reason reason, String detail) {

  public enum Reason {
    /** {@code metadata.deletionTimestamp} is set: the pod is shutting down. */
    TERMINATING,
    /** {@code status.phase} is not {@code Running}. */
    NOT_RUNNING,
    /** The {@code Ready} condition is not {@code True}. */
    NOT_READY,
    /** No {@code status.podIP} yet. */
    NO_POD_IP,
    /** No {@code prometheus.io/port} and no declared TCP container port. */
    NO_PORT,
    /** No {@code prometheus.io/port} and more than one declared TCP container port. */
    AMBIGUOUS_PORT,
    /** {@code prometheus.io/port} is neither a port number nor the name of a declared container port. */
    INVALID_PORT,
    /** {@code prometheus.io/scheme} is neither {@code http} nor {@code https}. */
    INVALID_SCHEME,
    /** {@code plimsoll.dev/workload} is not a valid {@code platform/namespace/kind/name}. */
    INVALID_WORKLOAD
  }
}
