package dev.plimsoll.cost.report;

import dev.plimsoll.cost.ledger.Cost;
import dev.plimsoll.cost.ledger.Ledger;
import dev.plimsoll.cost.ledger.LedgerState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/** Builds a {@link CostReport} from ledgers, prices and a time. Plain Java: no I/O, no clock. */
public final class CostReports {

  private CostReports() {}

  /** One workload's ledger, as read from the store. */
  public record Entry(String workload, LedgerState state) {}

  /**
   * @param gpusPerReplica GPUs per replica of a workload id
   */
  public static CostReport build(List<Entry> entries, Instant asOf, String currency, BigDecimal gpuHourPrice,
      ToIntFunction<String> gpusPerReplica) {
    var sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::workload));
    var rows = new ArrayList<CostReport.WorkloadCost>(sorted.size());
    BigDecimal total = BigDecimal.ZERO;
    for (Entry e : sorted) {
      int gpus = gpusPerReplica.applyAsInt(e.workload());
      Cost cost = Ledger.costAt(e.state(), asOf, gpuHourPrice, gpus);
      total = total.add(cost.cost(), Ledger.MATH);
      rows.add(new CostReport.WorkloadCost(e.workload(), e.state().replicas(), gpus, cost.presentedReplicaSeconds(),
          cost.presentedGpuHours(), cost.presentedCost(), e.state().since(), e.state().lastEventAt(), e.state().eventsIgnored()));
    }
    return new CostReport(currency, gpuHourPrice, asOf, Cost.money(total), List.copyOf(rows));
  }
}
