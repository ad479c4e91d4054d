package dev.plimsoll.simulator.health;

import dev.plimsoll.simulator.sim.Simulation;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the trace is loaded (a trace that cannot be read fails startup instead). */
@Readiness
@ApplicationScoped
public class TraceReadinessCheck implements HealthCheck {

  private final Simulation simulation;

  public TraceReadinessCheck(Simulation simulation) {
    this.simulation = simulation;
  }

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("simulator-trace");
    if (!simulation.traceLoaded()) {
      return builder.down().build();
    }
    return builder.up().withData("trace", simulation.traceLocation()).withData("requests", simulation.traceRequests()).build();
  }
}
