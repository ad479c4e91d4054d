package dev.plimsoll.cost.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/costs}: what each workload has cost up to {@code asOf}. Money is rounded to cents and
 * GPU-hours to 4 decimals only here, at presentation; {@code totalCost} is the rounded sum of the unrounded
 * workload costs, so it can differ by a cent from the sum of the rounded ones.
 *
 * @param currency ISO 4217 code of every amount
 * @param gpuHourPrice price of one GPU-hour
 * @param asOf costs accrue up to this time (the open interval since each workload's last decision counts)
 * @param totalCost sum over {@code workloads}
 * @param workloads one entry per workload, ordered by id
 */
public record CostReport(String currency, BigDecimal gpuHourPrice, Instant asOf, BigDecimal totalCost, List<WorkloadCost> workloads) {

  /**
   * One workload's ledger priced up to {@code asOf}.
   *
   * @param workload workload id
   * @param replicas replicas running since {@code lastEvent}
   * @param gpusPerReplica GPUs each replica holds (config)
   * @param replicaSeconds replica-seconds from {@code since} to {@code asOf}
   * @param gpuHours {@code replicaSeconds * gpusPerReplica / 3600}
   * @param cost {@code gpuHours * gpuHourPrice}
   * @param since the first decision seen for the workload
   * @param lastEvent the newest decision accrued
   * @param eventsIgnored decisions ignored because they arrived out of order
   */
  public record WorkloadCost(String workload, int replicas, int gpusPerReplica, double replicaSeconds, BigDecimal gpuHours,
      BigDecimal cost, Instant since, Instant lastEvent, long eventsIgnored) {}
}
