package dev.plimsoll.gpu.problem;

/** The workload a headroom question names does not exist (404 problem). */
public class UnknownWorkloadException extends RuntimeException {
  public UnknownWorkloadException(String message) {
    super(message, null, false, false);
  }
}
