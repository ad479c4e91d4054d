package dev.plimsoll.collector.snapshot;

/** A request named a workload the collector does not know (not discovered). */
public class UnknownWorkloadException extends RuntimeException {
  public UnknownWorkloadException(String workload) {
    super("no workload '" + workload + "' is known to the collector", null, false, false);
  }
}
