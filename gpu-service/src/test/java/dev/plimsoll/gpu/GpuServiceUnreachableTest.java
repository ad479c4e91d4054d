package dev.plimsoll.gpu;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator cannot be reached: never ready, and the API answers 503 problems naming the URL and error. */
@QuarkusTest
@TestProfile(GpuServiceUnreachableTest.Unreachable.class)
class GpuServiceUnreachableTest {

  /** Port 1 on loopback: nothing listens there, so the connection is refused at once. */
  static final String URL = "http://127.0.0.1:1";

  public static class Unreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.rest-client.simulator.url", URL);
    }
  }

  @Test
  void readinessIsDownNamingTheUrlAndError() {
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.find { it.name == 'gpu-inventory-source' }.data.url", equalTo(URL))
        .body("checks.find { it.name == 'gpu-inventory-source' }.data.lastSuccess", equalTo("never"))
        .body("checks.find { it.name == 'gpu-inventory-source' }.data.error", not(equalTo("no refresh has completed yet"))));
    given().when().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void inventoryAndNodesAre503Problems() {
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/metrics").then()
        .body(containsString("plimsoll_gpu_refreshes_total{result=\"failure\"}")));
    for (String path : new String[] {"/api/v1/inventory", "/api/v1/nodes"}) {
      given().when().get(path).then().statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", equalTo("1"))
          .body("type", equalTo("https://plimsoll.dev/problems/inventory-unavailable"))
          .body("status", equalTo(503))
          .body("detail", containsString(URL))
          .body("detail", containsString("refused"))
          .body("instance", equalTo(path));
    }
  }

  @Test
  void headroomOfASimulatedFleetIsA503ProblemWhileTheSimulatorIsDown() {
    given().queryParam("workload", "simulated/demo/Fleet/chat").when().get("/api/v1/headroom").then().statusCode(503)
        .contentType("application/problem+json")
        .body("type", equalTo("https://plimsoll.dev/problems/inventory-unavailable"))
        .body("detail", containsString(URL));
  }

  @Test
  void unknownPathIs404Problem() {
    given().when().get("/nope").then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
  }
}
