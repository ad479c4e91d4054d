package dev.plimsoll.cost.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.cost.ledger.LedgerState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the report is built from ledgers, a price and a time, with no I/O. */
class CostReportsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * @param ledgers "workload:replicas:replicaSeconds" per workload, all with their last event at T0
   * @param gpus "workload:gpus" overrides; others use 1
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                         | ledgers                  | gpus | asOf s | price | order  | costs      | total
      no workloads                                   | -                        | -    |      0 |  2.50 | -      | -          | 0.00
      open interval accrues to asOf                  | a:2:0                    | -    |   3600 |  2.50 | a      | 5.00       | 5.00
      sorted by workload id, override doubles cost   | b:1:3600 a:1:3600        | b:2  |      0 |  2.50 | a b    | 2.50 5.00  | 7.50
      total sums unrounded costs, then rounds        | a:0:6.3 b:0:6.3 c:0:6.3  | -    |      0 |  1.00 | a b c  | 0.00 0.00 0.00 | 0.01
      """)
  void build(String name, String ledgers, String gpus, long asOfSeconds, BigDecimal price, String order, String costs, String total) {
    var entries = new ArrayList<CostReports.Entry>();
    if (!"-".equals(ledgers)) {
      for (String l : ledgers.split(" ")) {
        String[] p = l.split(":");
        entries.add(new CostReports.Entry(p[0], new LedgerState(T0, T0, Integer.parseInt(p[1]), Double.parseDouble(p[2]), 0)));
      }
    }
    Map<String, Integer> overrides = new java.util.HashMap<>();
    if (!"-".equals(gpus)) {
      for (String g : gpus.split(" ")) {
        overrides.put(g.split(":")[0], Integer.parseInt(g.split(":")[1]));
      }
    }
    CostReport report = CostReports.build(entries, T0.plusSeconds(asOfSeconds), "USD", price, w -> overrides.getOrDefault(w, 1));

    List<String> expectedOrder = "-".equals(order) ? List.of() : List.of(order.split(" "));
    List<String> expectedCosts = "-".equals(costs) ? List.of() : List.of(costs.split(" "));
    assertEquals(expectedOrder, report.workloads().stream().map(CostReport.WorkloadCost::workload).toList());
    assertEquals(expectedCosts, report.workloads().stream().map(w -> w.cost().toPlainString()).toList());
    assertEquals(total, report.totalCost().toPlainString());
    assertEquals(T0.plusSeconds(asOfSeconds), report.asOf());
    assertEquals("USD", report.currency());
  }
}
