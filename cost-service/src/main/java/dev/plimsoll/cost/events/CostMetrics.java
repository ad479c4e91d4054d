package dev.plimsoll.cost.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's own metrics: {@code plimsoll_cost_decisions_consumed_total{result}} and the
 * {@code plimsoll_cost_workloads} gauge (workloads with a ledger).
 */
@ApplicationScoped
public class CostMetrics {

  /** Values of the {@code result} tag. */
  public enum Result {
    /** Opened or advanced a ledger. */
    ACCRUED,
    /** Older than the workload's last decision: counted in the ledger, not accrued. */
    IGNORED,
    /** Not a usable ScalingDecision: logged and acknowledged. */
    MALFORMED,
    /** Could not be written to the database: logged and rejected. */
    FAILED
  }

  private final Counter[] consumed = new Counter[Result.values().length];
  private final AtomicLong workloads = new AtomicLong();

  public CostMetrics(MeterRegistry registry) {
    for (Result r : Result.values()) {
      consumed[r.ordinal()] = Counter.builder("plimsoll.cost.decisions.consumed")
          .description("Scaling decisions consumed, by result")
          .tag("result", r.name().toLowerCase())
          .register(registry);
    }
    Gauge.builder("plimsoll.cost.workloads", workloads, AtomicLong::get)
        .description("Workloads with a cost ledger")
        .register(registry);
  }

  public void consumed(Result result) {
    consumed[result.ordinal()].increment();
  }

  public void workloadAdded() {
    workloads.incrementAndGet();
  }

  public void workloads(long count) {
    workloads.set(count);
  }
}
