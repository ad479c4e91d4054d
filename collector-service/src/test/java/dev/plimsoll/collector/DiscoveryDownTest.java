package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the simulator unreachable, the collector is not ready and says why; it has nothing to report. */
@QuarkusTest
@TestProfile(DiscoveryDownTest.SimulatorUnreachable.class)
class DiscoveryDownTest {
  static final int CLOSED_PORT = closedPort();

  /** Points discovery at a port nothing listens on. */
  public static class SimulatorUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("collector.simulator.url", "http://127.0.0.1:" + CLOSED_PORT, "collector.discovery.timeout", "500ms");
    }
  }

  @Test
  void notReadyWhileDiscoveryFails() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.find { it.name == 'target-discovery' }.status", equalTo("DOWN"))
        .body("checks.find { it.name == 'target-discovery' }.data.sources", containsString(":" + CLOSED_PORT + "/api/v1/fleets"))
        .body("checks.find { it.name == 'target-discovery' }.data.error", containsStringIgnoringCase("connection refused"))
        .body("checks.find { it.name == 'target-discovery' }.data.error", not(matchesPattern("(?s).*\\b([a-z]+\\.)+[A-Z]\\w*.*|.*(Exception|Error)\\b.*"))));
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void nothingIsDiscoveredSoNothingIsReported() {
    given().get("/api/v1/targets").then().statusCode(200).body("size()", equalTo(0));
    given().get("/api/v1/snapshots").then().statusCode(200).body("size()", equalTo(0));
  }

  private static int closedPort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
