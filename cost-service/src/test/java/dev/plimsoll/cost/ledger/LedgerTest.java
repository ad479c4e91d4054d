package dev.plimsoll.cost.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the ledger is pure functions of states, instants and prices, so no container is started. */
class LedgerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Feeds "offsetSeconds:replicasAfter" events, in the order given, to an empty ledger. */
  private static LedgerState replay(String events) {
    LedgerState state = null;
    for (String event : events.split(" ")) {
      String[] parts = event.split(":");
      state = Ledger.accrue(state, at(parts[0]), Integer.parseInt(parts[1])).state();
    }
    return state;
  }

  private static Instant at(String offsetSeconds) {
    return T0.plusMillis(Math.round(Double.parseDouble(offsetSeconds) * 1000));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                        | events (s:replicasAfter)   | replicaSeconds | replicas | since | last | ignored
      first event opens the ledger, nothing before  | 100:4                      |            0.0 |        4 |   100 |  100 | 0
      1 replica 60 s then 3 replicas 120 s          | 0:1 60:3 180:3             |          420.0 |        3 |     0 |  180 | 0
      scale to zero accrues nothing while at zero   | 0:2 30:0 90:1 100:1        |           70.0 |        1 |     0 |  100 | 0
      two events at the same instant: last wins     | 0:1 0:5 10:5               |           50.0 |        5 |     0 |   10 | 0
      out-of-order event is ignored and counted     | 0:1 60:3 30:8 180:3        |          420.0 |        3 |     0 |  180 | 1
      event older than the first is ignored         | 50:2 10:9 60:2             |           20.0 |        2 |    50 |   60 | 1
      millisecond intervals                         | 0:3 0.250:1 1.5:1          |          2.000 |        1 |     0 |  1.5 | 0
      """)
  void accrue(String name, String events, double replicaSeconds, int replicas, String since, String last, long ignored) {
    LedgerState state = replay(events);
    assertEquals(new LedgerState(at(since), at(last), replicas, replicaSeconds, ignored), state);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                              | previous events | event   | outcome
      first event                         | -               | 0:1     | OPENED
      later event                         | 0:1             | 60:2    | ACCRUED
      same instant as the last            | 0:1             | 0:2     | ACCRUED
      older than the last                 | 0:1 60:2        | 59:2    | IGNORED
      """)
  void outcome(String name, String previous, String event, Accrual.Outcome outcome) {
    LedgerState state = "-".equals(previous) ? null : replay(previous);
    String[] parts = event.split(":");
    assertEquals(outcome, Ledger.accrue(state, at(parts[0]), Integer.parseInt(parts[1])).outcome());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                           | events         | now | price | gpus | replicaSeconds | gpuHours  | cost
      at the last event: what was accrued              | 0:1 60:3 180:3 | 180 |  2.50 |    1 |          420.0 | 0.1166666666666667 | 0.2916666666666668
      open interval counts at the current replicas     | 0:1 60:3 180:3 | 240 |  2.50 |    1 |          600.0 | 0.1666666666666667 | 0.4166666666666668
      gpus per replica multiply gpu-hours              | 0:2 1800:2     | 1800 |  2.50 |    2 |         3600.0 | 2         | 5.00
      one replica for an hour at the price             | 0:1            | 3600 |  3.10 |    1 |         3600.0 | 1         | 3.10
      now before the last event subtracts nothing      | 0:1 60:3 180:3 | 100 |  2.50 |    1 |          420.0 | 0.1166666666666667 | 0.2916666666666668
      zero price costs nothing                         | 0:4 10:4       | 20  |  0    |    1 |           80.0 | 0.02222222222222222 | 0
      zero gpus (CPU-only) costs nothing               | 0:4 10:4       | 20  |  2.50 |    0 |           80.0 | 0         | 0
      """)
  void costAt(String name, String events, String now, BigDecimal price, int gpus, double replicaSeconds, BigDecimal gpuHours,
      BigDecimal cost) {
    Cost c = Ledger.costAt(replay(events), at(now), price, gpus);
    assertEquals(replicaSeconds, c.replicaSeconds(), 1e-9);
    assertEquals(0, gpuHours.compareTo(c.gpuHours()), () -> "gpuHours " + c.gpuHours());
    assertEquals(0, cost.compareTo(c.cost()), () -> "cost " + c.cost());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                       | gpuHours            | cost               | presented gpuHours | presented cost
      rounds cost half up to cents | 0.1166666666666667  | 0.2916666666666668 | 0.1167             | 0.29
      half a cent rounds up        | 0.002               | 0.005              | 0.0020             | 0.01
      just under half a cent       | 0.0019              | 0.00499            | 0.0019             | 0.00
      """)
  void presentation(String name, BigDecimal gpuHours, BigDecimal cost, String presentedGpuHours, String presentedCost) {
    Cost c = new Cost(0, gpuHours, cost);
    assertEquals(presentedGpuHours, c.presentedGpuHours().toPlainString());
    assertEquals(presentedCost, c.presentedCost().toPlainString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                       | replicasAfter | price | gpus
      negative replicas            |            -1 |  2.50 |    1
      negative price               |             1 | -0.01 |    1
      negative gpus per replica    |             1 |  2.50 |   -1
      """)
  void rejectsImpossibleInputs(String name, int replicasAfter, BigDecimal price, int gpus) {
    assertThrows(IllegalArgumentException.class, () -> {
      LedgerState state = Ledger.accrue(null, T0, replicasAfter).state();
      Ledger.costAt(state, T0.plusSeconds(60), price, gpus);
    });
  }

  @Test
  void intervalsCountToTheMicrosecondAndLongSpansDoNotOverflow() {
    // the scaler dates decisions to the microsecond: three at t, t + 1.0004 s and t + 2.0008 s are 2.0008 s, not 2.000
    LedgerState state = Ledger.accrue(null, T0, 1).state();
    state = Ledger.accrue(state, T0.plusNanos(1_000_400_000), 1).state();
    state = Ledger.accrue(state, T0.plusNanos(2_000_800_000), 1).state();
    assertEquals(2.0008, state.replicaSeconds(), 1e-9);
    // 10 replicas for 30 million years: 9.5e15 replica-seconds, not replicas × milliseconds overflowing a long
    LedgerState ten = Ledger.accrue(null, T0, 10).state();
    double seconds = 365.0 * 30_000_000 * 86_400;
    assertEquals(10 * seconds, Ledger.replicaSecondsAt(ten, T0.plus(java.time.Duration.ofDays(365L * 30_000_000))), 1);
  }
}
