package dev.plimsoll.collector.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.failure.FailureText;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Discovers targets from the simulator: {@code GET {collector.simulator.url}/api/v1/fleets}, one target per READY replica. */
@ApplicationScoped
public class SimulatorDiscovery implements TargetDiscovery {
  static final String FLEETS_PATH = "/api/v1/fleets";
  private static final TypeReference<List<Fleet>> FLEETS = new TypeReference<>() {};

  private final WebClient client;
  private final ObjectMapper mapper;
  private final String fleetsUrl;
  private final Duration timeout;
  private final boolean enabled;

  public SimulatorDiscovery(WebClient client, ObjectMapper mapper, CollectorConfig config) {
    this.client = client;
    this.mapper = mapper;
    this.fleetsUrl = stripTrailingSlash(config.simulator().url()) + FLEETS_PATH;
    this.timeout = config.discovery().timeout();
    this.enabled = config.simulator().enabled();
  }

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public Uni<DiscoveredTargets> discover() {
    return Uni.createFrom().deferred(() -> client.getAbs(fleetsUrl)
            .putHeader("Accept", "application/json")
            .timeout(timeout.toMillis())
            .send())
        .ifNoItem().after(timeout).failWith(() -> new DiscoveryException(FailureText.describe(new TimeoutException(), timeout)))
        .onFailure(e -> !(e instanceof DiscoveryException)).transform(e -> new DiscoveryException(FailureText.describe(e, timeout)))
        .map(this::toTargets);
  }

  @Override
  public String source() {
    return fleetsUrl;
  }

  private DiscoveredTargets toTargets(HttpResponse<?> response) {
    if (response.statusCode() != 200) {
      throw new DiscoveryException("HTTP " + response.statusCode() + " from " + fleetsUrl);
    }
    try {
      List<Fleet> fleets = mapper.readValue(response.bodyAsString(), FLEETS);
      return Fleet.toTargets(fleets == null ? List.of() : fleets);
    } catch (JsonProcessingException e) {
      throw new DiscoveryException("invalid fleet list from " + fleetsUrl + ": " + e.getOriginalMessage());
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
