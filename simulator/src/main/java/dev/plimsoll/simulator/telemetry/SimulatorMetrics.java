package dev.plimsoll.simulator.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's own metrics at {@code /q/metrics}: {@code plimsoll_simulator_requests_released_total},
 * {@code plimsoll_simulator_requests_rejected_total} (shed by the fleet's router because the queues were full; never
 * in the replicas' {@code vllm:} metrics), {@code plimsoll_simulator_replicas{state}} and
 * {@code plimsoll_simulator_scale_requests_total{result}}.
 */
@ApplicationScoped
public class SimulatorMetrics {

  private final MeterRegistry registry;
  private final Counter released;
  private final Counter rejected;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger loading = new AtomicInteger();
  private final AtomicInteger ready = new AtomicInteger();

  public SimulatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.released = Counter.builder("plimsoll.simulator.requests.released")
        .description("Trace requests released to the fleet").register(registry);
    this.rejected = Counter.builder("plimsoll.simulator.requests.rejected")
        .description("Trace requests the fleet's router rejected because every queue was full (load shedding)").register(registry);
    gauge("pending", pending);
    gauge("loading", loading);
    gauge("ready", ready);
  }

  private void gauge(String state, AtomicInteger value) {
    Gauge.builder("plimsoll.simulator.replicas", value, AtomicInteger::get)
        .description("Replicas of the simulated fleet by state").tag("state", state).register(registry);
  }

  public void released(int requests) {
    if (requests > 0) {
      released.increment(requests);
    }
  }

  public void rejected(long requests) {
    if (requests > 0) {
      rejected.increment(requests);
    }
  }

  public void replicas(int pendingCount, int loadingCount, int readyCount) {
    pending.set(pendingCount);
    loading.set(loadingCount);
    ready.set(readyCount);
  }

  /** @param result {@code ok}, {@code invalid} or {@code unknown_fleet} */
  public void scaleRequest(String result) {
    Counter.builder("plimsoll.simulator.scale.requests").description("Scale calls by result")
        .tag("result", result).register(registry).increment();
  }
}
