package dev.plimsoll.collector.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when target discovery works: DOWN before the first successful round and whenever the
 * latest round failed. Reports the discovery URL and the error. Reads state only (the discovery loop
 * makes the requests, with their own timeout), so the check itself never blocks.
 */
@Readiness
@ApplicationScoped
public class DiscoveryHealthCheck implements HealthCheck {
  private final CompositeDiscovery discovery;
  private final DiscoveryStatus status;

  public DiscoveryHealthCheck(CompositeDiscovery discovery, DiscoveryStatus status) {
    this.discovery = discovery;
    this.status = status;
  }

  @Override
  public HealthCheckResponse call() {
    DiscoveryStatus.State state = status.state();
    var response = HealthCheckResponse.named("target-discovery")
        .status(state.healthy())
        .withData("sources", discovery.source());
    if (state.lastSuccess() != null) {
      response.withData("lastSuccess", state.lastSuccess().toString());
    }
    if (state.lastError() != null) {
      response.withData("error", state.lastError());
    }
    return response.build();
  }
}
