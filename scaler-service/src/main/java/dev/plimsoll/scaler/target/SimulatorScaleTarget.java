package dev.plimsoll.scaler.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.target.SimulatorRestClient.FleetScale;
import dev.plimsoll.scaler.target.SimulatorRestClient.ScaleRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Scales simulated fleets ({@code simulated/<namespace>/Fleet/<name>}) through the simulator's
 * {@code GET|PUT /api/v1/fleets/{name}/scale}.
 */
@ApplicationScoped
public class SimulatorScaleTarget implements ScaleTarget {

  public static final String PLATFORM = "simulated";
  static final String KIND = "Fleet";

  private final SimulatorRestClient client;
  private final ObjectMapper mapper;
  private final String baseUrl;
  private final Duration readTimeout;

  private final boolean enabled;

  public SimulatorScaleTarget(@RestClient SimulatorRestClient client, ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.rest-client.simulator.url") String baseUrl,
      @ConfigProperty(name = "quarkus.rest-client.simulator.read-timeout", defaultValue = "30000") long readTimeoutMillis,
      @ConfigProperty(name = "scaler.simulator.enabled", defaultValue = "true") boolean enabled) {
    this.enabled = enabled;
    this.client = client;
    this.mapper = mapper;
    this.baseUrl = baseUrl;
    this.readTimeout = Duration.ofMillis(readTimeoutMillis);
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public Uni<Scale> read(WorkloadId workload) {
    return checked(workload)
        .chain(() -> client.scale(workload.name()))
        .map(answer -> toScale(workload, answer))
        .onFailure(e -> !(e instanceof ActuationException)).transform(e -> failure("GET", workload, e));
  }

  @Override
  public Uni<Scale> scale(WorkloadId workload, int replicas) {
    return checked(workload)
        .chain(() -> client.scale(workload.name(), new ScaleRequest(replicas)))
        .map(answer -> toScale(workload, answer))
        .onFailure(e -> !(e instanceof ActuationException)).transform(e -> failure("PUT", workload, e));
  }

  private static Uni<Void> checked(WorkloadId workload) {
    if (!PLATFORM.equals(workload.platform()) || !KIND.equals(workload.kind())) {
      return Uni.createFrom().failure(new ActuationException(
          "the simulator only scales workloads simulated/<namespace>/Fleet/<name>, not " + workload));
    }
    return Uni.createFrom().voidItem();
  }

  /** The simulator names fleets without a namespace: check that the fleet found is the workload asked for. */
  private static Scale toScale(WorkloadId workload, FleetScale answer) {
    if (answer.workload() != null && !answer.workload().equals(workload.toString())) {
      throw new ActuationException("simulator fleet " + workload.name() + " is " + answer.workload() + ", not " + workload);
    }
    return new Scale(answer.replicas(), answer.readyReplicas());
  }

  private ActuationException failure(String method, WorkloadId workload, Throwable e) {
    String call = method + " " + baseUrl + "/api/v1/fleets/" + workload.name() + "/scale";
    if (e instanceof WebApplicationException web && web.getResponse() != null) {
      Response response = web.getResponse();
      return new ActuationException("simulator answered HTTP " + response.getStatus() + " to " + call + problemDetail(response), e,
          response.getStatus() == 404);
    }
    return new ActuationException("simulator call " + call + " failed: " + CallFailures.describe(e, "simulator", baseUrl, readTimeout), e);
  }

  /** The {@code detail} of a problem+json answer, if there is one. */
  private String problemDetail(Response response) {
    try {
      if (!response.hasEntity()) {
        return "";
      }
      JsonNode body = mapper.readTree(response.readEntity(String.class));
      JsonNode detail = body == null ? null : body.get("detail");
      return detail != null && detail.isTextual() ? ": " + detail.asText() : "";
    } catch (RuntimeException | java.io.IOException e) {
      return "";
    }
  }
}
