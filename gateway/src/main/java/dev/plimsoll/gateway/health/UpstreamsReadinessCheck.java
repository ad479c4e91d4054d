package dev.plimsoll.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateway is ready while it has something to route to: DOWN only when no service answers.
 * A single service being down keeps the gateway ready on purpose, so that {@code /api/health} can
 * still say which one it is; each service's state is in the check's data.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadinessCheck implements AsyncHealthCheck {

  private final ServiceProber prober;

  public UpstreamsReadinessCheck(ServiceProber prober) {
    this.prober = prober;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return prober.probeAll().map(aggregate -> {
      var builder = HealthCheckResponse.named("upstreams");
      aggregate.services().forEach((name, health) -> builder.withData(name, health.status()));
      boolean anyUp = aggregate.services().isEmpty() || aggregate.down().size() < aggregate.services().size();
      return builder.status(anyUp).build();
    });
  }
}
