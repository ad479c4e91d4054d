package dev.plimsoll.scaler.health;

import dev.plimsoll.scaler.config.ScalerConfig;
import dev.plimsoll.scaler.target.CallFailures;
import dev.plimsoll.scaler.target.SimulatorRestClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Ready only when the simulator actuator answers {@code GET /api/v1/fleets} within the configured timeout; always up
 * when the simulator is not used ({@code scaler.simulator.enabled=false}).
 */
@Readiness
@ApplicationScoped
public class SimulatorHealthCheck implements AsyncHealthCheck {

  static final String NAME = "simulator actuator";

  private final SimulatorRestClient client;
  private final ScalerConfig config;
  private final String baseUrl;
  private final String url;

  public SimulatorHealthCheck(@RestClient SimulatorRestClient client, ScalerConfig config,
      @ConfigProperty(name = "quarkus.rest-client.simulator.url") String baseUrl) {
    this.client = client;
    this.config = config;
    this.baseUrl = baseUrl;
    this.url = baseUrl + "/api/v1/fleets";
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    if (!config.simulator().enabled()) { // no simulator to wait for (scaler.simulator.enabled=false, as in a cluster)
      return Uni.createFrom().item(HealthCheckResponse.named(NAME).up().withData("enabled", false).build());
    }
    return client.fleets()
        .ifNoItem().after(config.simulator().healthTimeout()).fail()
        .map(ignored -> HealthCheckResponse.named(NAME).up().withData("url", url).build())
        .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
            .withData("url", url)
            .withData("error", describe(e))
            .build());
  }

  private String describe(Throwable e) {
    if (e instanceof TimeoutException) {
      return "no answer within " + config.simulator().healthTimeout().toMillis() + " ms";
    }
    if (e instanceof WebApplicationException web && web.getResponse() != null) {
      return "simulator answered HTTP " + web.getResponse().getStatus();
    }
    return CallFailures.describe(e, "simulator", baseUrl, config.simulator().healthTimeout());
  }
}
