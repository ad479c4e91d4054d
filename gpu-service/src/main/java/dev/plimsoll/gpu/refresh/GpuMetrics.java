package dev.plimsoll.gpu.refresh;

import dev.plimsoll.gpu.inventory.Inventory;
import dev.plimsoll.gpu.inventory.Observation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.ToIntFunction;

/**
 * {@code plimsoll_gpu_gpus{state=allocated|free}} from the cached inventory (NaN until one was read, never a
 * made-up zero) and {@code plimsoll_gpu_refreshes_total{result=success|failure}}.
 */
@ApplicationScoped
public class GpuMetrics {

  private final Counter success;
  private final Counter failure;

  public GpuMetrics(MeterRegistry registry, InventoryCache cache) {
    gauge(registry, cache, "allocated", Inventory::allocated);
    gauge(registry, cache, "free", Inventory::free);
    success = refreshes(registry, "success");
    failure = refreshes(registry, "failure");
  }

  void refreshed(boolean ok) {
    (ok ? success : failure).increment();
  }

  private static void gauge(MeterRegistry registry, InventoryCache cache, String state, ToIntFunction<Inventory> value) {
    Gauge.builder("plimsoll.gpu.gpus", cache, c -> {
      Observation o = c.status().lastSuccess();
      return o == null ? Double.NaN : value.applyAsInt(o.inventory());
    }).description("GPUs in the last inventory read, by state").tag("state", state).register(registry);
  }

  private static Counter refreshes(MeterRegistry registry, String result) {
    return Counter.builder("plimsoll.gpu.refreshes").description("Inventory refreshes from the source, by result")
        .tag("result", result).register(registry);
  }
}
