package dev.plimsoll.cost.report;

/** The workload asked for has no cost ledger (no scaling decision was ever seen for it). */
public class UnknownWorkloadException extends RuntimeException {
  public UnknownWorkloadException(String workload) {
    super("No cost ledger for workload '" + workload + "': no scaling decision has been seen for it");
  }
}
