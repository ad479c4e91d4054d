package dev.plimsoll.gpu.refresh;

import dev.plimsoll.gpu.inventory.Observation;
import dev.plimsoll.gpu.inventory.RefreshStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The newest inventory read and how the last refresh went; read by the REST API, health and metrics. */
@ApplicationScoped
public class InventoryCache {

  private final AtomicReference<RefreshStatus> status = new AtomicReference<>(RefreshStatus.INITIAL);

  public RefreshStatus status() {
    return status.get();
  }

  /** @return the status before the update */
  RefreshStatus succeeded(Observation observation) {
    return status.getAndUpdate(s -> s.succeeded(observation));
  }

  /** @return the status before the update */
  RefreshStatus failed(String error, Instant at) {
    return status.getAndUpdate(s -> s.failed(error, at));
  }
}
