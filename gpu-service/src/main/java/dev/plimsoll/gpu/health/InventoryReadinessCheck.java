package dev.plimsoll.gpu.health;

import dev.plimsoll.gpu.inventory.RefreshStatus;
import dev.plimsoll.gpu.refresh.InventoryCache;
import dev.plimsoll.gpu.source.InventorySource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the inventory source has been read, and not while its last refresh failed. Answers from the
 * cache (no call of its own); the refresh itself uses the REST client's short timeouts.
 */
@Readiness
@ApplicationScoped
public class InventoryReadinessCheck implements HealthCheck {

  private final InventoryCache cache;
  private final InventorySource source;

  public InventoryReadinessCheck(InventoryCache cache, InventorySource source) {
    this.cache = cache;
    this.source = source;
  }

  @Override
  public HealthCheckResponse call() {
    RefreshStatus s = cache.status();
    var builder = HealthCheckResponse.named("gpu-inventory-source")
        .status(s.ready())
        .withData("source", source.name())
        .withData("url", source.location())
        .withData("lastSuccess", s.lastSuccess() == null ? "never" : s.lastSuccess().observedAt().toString());
    if (!s.ready()) {
      builder.withData("error", s.notReadyReason());
    }
    return builder.build();
  }
}
