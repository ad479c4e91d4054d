package dev.plimsoll.simulator.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With small router caps, one overloaded replica's queue and the router's own queue (after scaling to 0) stop
 * growing at their caps, and the excess is counted as rejected, in the fleet view and in the simulator's own metrics,
 * never in the replica's vLLM metrics.
 */
@QuarkusTest
@TestProfile(LoadSheddingTest.SmallCaps.class)
class LoadSheddingTest {

  static final int MAX_WAITING = 20;
  static final int MAX_PENDING = 50;

  /** Caps small enough that the default trace (16.6 req/s simulated, 166 per wall second) hits them at once. */
  public static class SmallCaps implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("simulator.max-waiting-per-replica", String.valueOf(MAX_WAITING), "simulator.max-pending", String.valueOf(MAX_PENDING));
    }
  }

  private static JsonPath fleet() {
    return given().get("/api/v1/fleets/chat").then().statusCode(200).extract().jsonPath();
  }

  private static void scale(int replicas) {
    given().contentType(ContentType.JSON).body(Map.of("replicas", replicas)).put("/api/v1/fleets/chat/scale").then().statusCode(200);
  }

  @Test
  void queuesStopAtTheirCapsAndTheExcessIsRejected() {
    // one READY replica at 3x the trace's rate: its queue fills to the cap, then the router sheds
    String replicaUrl = "/fleets/chat/replicas/chat-0/metrics";
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertEquals(MAX_WAITING, gauge(given().get(replicaUrl).then().statusCode(200).extract().asString(), "vllm:num_requests_waiting"));
      assertTrue(fleet().getLong("requestsRejected") > 0, "rejected");
    });
    String exposition = given().get(replicaUrl).then().statusCode(200).extract().asString();
    assertTrue(gauge(exposition, "vllm:num_requests_waiting") <= MAX_WAITING);
    assertTrue(!exposition.contains("reject"), "rejections are not vLLM's");

    // scaled to 0: arrivals go to the router's queue, which stops at its cap
    scale(0);
    long rejectedAtZero = fleet().getLong("requestsRejected");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/fleets/chat").then()
        .body("pendingRequests", equalTo(MAX_PENDING)));
    for (int i = 0; i < 5; i++) {
      JsonPath f = fleet();
      assertEquals(MAX_PENDING, f.getInt("pendingRequests"), "the router queue does not grow past its cap");
      sleep(200);
    }
    long rejected = fleet().getLong("requestsRejected");
    assertTrue(rejected > rejectedAtZero, "arrivals beyond the cap are rejected");
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    double counted = gauge(metrics, "plimsoll_simulator_requests_rejected_total");
    assertTrue(counted >= rejected, counted + " counted, " + rejected + " rejected before");

    // a new replica takes the held requests once READY (20 simulated s = 2 wall s in %test)
    scale(1);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/fleets/chat").then()
        .body("readyReplicas", equalTo(1))
        .body("pendingRequests", equalTo(0)));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of the single series of a metric family (any labels). */
  private static double gauge(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(text);
    assertTrue(m.find(), name + " present");
    return Double.parseDouble(m.group(2));
  }
}
