package dev.plimsoll.scaler.evaluate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.plimsoll.events.Problem;
import dev.plimsoll.scaler.support.FakeSimulatorResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** POST /api/v1/evaluate drives the engine: the decision, its reason and every intermediate value. */
@QuarkusTest
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class EvaluateResourceTest {
  private static final String POLICY = """
      {"minReplicas": 1, "maxReplicas": 20,
       "metrics": [{"signal": "queue_depth", "target": {"type": "AverageValue", "averageValue": 5}}]}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                     | current | ready | signals (seconds before time: queue depth)   | desired | reason             | raw | stabilized | stabilization
      a burst is met at once                     | 2       | 2     | 0:30                                         | 6       | DesiredWithinRange | 6   | 6          | ReadyForNewScale
      a huge burst is rate limited               | 2       | 2     | 0:100                                        | 6       | ScaleUpLimit       | 20  | 20         | ReadyForNewScale
      within tolerance nothing changes           | 4       | 4     | 0:21                                         | 4       | DesiredWithinRange | 4   | 4          | ReadyForNewScale
      scale-down waits for the window            | 6       | 6     | 120:30,0:5                                   | 6       | DesiredWithinRange | 1   | 6          | ScaleDownStabilized
      scale-down after the window                | 6       | 6     | 400:30,0:5                                   | 1       | DesiredWithinRange | 1   | 1          | ReadyForNewScale
      stale data holds the count                 | 6       | 6     | 60:0                                         | 6       | InvalidMetrics     |     |            |
      """)
  void decides(String name, int current, int ready, String signals, int desired, String reason, Integer raw, Integer stabilized,
      String stabilization) {
    StringBuilder points = new StringBuilder();
    for (String p : signals.split(",")) {
      String[] kv = p.split(":");
      long at = 1_800_000_000L - Long.parseLong(kv[0]);
      points.append(points.isEmpty() ? "" : ",").append("{\"at\": ").append(at).append(", \"value\": ").append(kv[1]).append('}');
    }
    String body = """
        {"policy": %s, "currentReplicas": %d, "readyReplicas": %d, "signals": {"queue_depth": [%s]}, "time": 1800000000}
        """.formatted(POLICY, current, ready, points);
    var response = given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluate").then().statusCode(200)
        .body("desiredReplicas", equalTo(desired))
        .body("reason", equalTo(reason))
        .body("currentReplicas", equalTo(current));
    if (raw != null) {
      response.body("rawProposal", equalTo(raw)).body("afterStabilization", equalTo(stabilized)).body("stabilization", equalTo(stabilization));
    }
  }

  @Test
  void loadingReplicasCountAsTheHpaCountsUnreadyPods() {
    // 4 replicas, 3 still loading their model, the ready one at 100 % of a 50 % target: counted as using
    // nothing, the loading ones bring the ratio to 0.5, a direction flip, so the count holds (no scale-down
    // while the new capacity is still loading).
    given().contentType(ContentType.JSON).body("""
        {"policy": {"maxReplicas": 10, "metrics": [{"signal": "kv", "target": {"type": "Utilization", "averageUtilization": 50}}]},
         "currentReplicas": 4, "readyReplicas": 1, "signals": {"kv": [{"at": 1800000000, "value": 100}]}, "time": 1800000000}
        """).post("/api/v1/evaluate").then().statusCode(200)
        .body("rawProposal", equalTo(4))
        .body("desiredReplicas", equalTo(4))
        .body("metrics[0].usageRatio", equalTo(0.5f));
  }

  @Test
  void invalidRequestsNameEveryField() {
    given().contentType(ContentType.JSON).body("""
        {"policy": {"maxReplicas": 0, "metrics": []}, "currentReplicas": -1, "maxSignalAgeSeconds": 0}""")
        .post("/api/v1/evaluate").then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
        .body("errors.field", contains("policy.maxReplicas", "policy.metrics", "currentReplicas", "readyReplicas", "maxSignalAgeSeconds"));
    given().contentType(ContentType.JSON).body("{}").post("/api/v1/evaluate").then().statusCode(400)
        .body("errors.field", hasItems("policy", "currentReplicas"));
    // a signal given as null (it was a NullPointerException, a 500), and one with more points than a dry run takes
    String policy = "{\"maxReplicas\": 5, \"metrics\": [{\"signal\": \"queue_depth\", \"target\": {\"type\": \"Value\", \"value\": 5}}]}";
    given().contentType(ContentType.JSON).body("""
        {"policy": %s, "currentReplicas": 1, "signals": {"queue_depth": null}, "time": 1800000000}""".formatted(policy))
        .post("/api/v1/evaluate").then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
        .body("errors.field", contains("signals.queue_depth"));
    String many = java.util.stream.IntStream.range(0, EvaluateResource.MAX_POINTS + 1)
        .mapToObj(i -> "{\"at\": " + (1_799_000_000 + i) + ", \"value\": 1}").collect(java.util.stream.Collectors.joining(","));
    given().contentType(ContentType.JSON).body("""
        {"policy": %s, "currentReplicas": 1, "signals": {"queue_depth": [%s]}, "time": 1800000000}""".formatted(policy, many))
        .post("/api/v1/evaluate").then().statusCode(400)
        .body("errors.field", contains("signals.queue_depth"))
        .body("errors[0].message", startsWith("has 20001 points; at most 20000"));
  }

  @Test
  void everyLayerShowsItsWork() {
    // 2026-03-02T09:00Z is a Monday, 10:00 in Berlin: the office schedule raises the floor to 4.
    given().contentType(ContentType.JSON).body("""
        {"policy": {"maxReplicas": 20, "metrics": [{"signal": "queue_depth", "target": {"type": "AverageValue", "averageValue": 5}}],
                    "schedules": [{"name": "office", "days": ["MON"], "start": "08:00", "end": "18:00", "timeZone": "Europe/Berlin",
                                   "minReplicas": 4}]},
         "currentReplicas": 2, "signals": {"queue_depth": [{"at": "2026-03-02T09:00:00Z", "value": 1}]}, "time": "2026-03-02T09:00:00Z"}
        """).post("/api/v1/evaluate").then().statusCode(200)
        .body("desiredReplicas", equalTo(4))
        .body("reason", equalTo("TooFewReplicas"))
        .body("schedule", equalTo("office"))
        .body("minReplicas", equalTo(4));
    // A burst from 10 to 80 waiting at 2 replicas: the HPA is held to 6 by its rate policy, panic mode goes to 9 at once.
    given().contentType(ContentType.JSON).body("""
        {"policy": {"maxReplicas": 20, "metrics": [{"signal": "queue_depth", "target": {"type": "AverageValue", "averageValue": 5}}],
                    "panic": {}},
         "currentReplicas": 2, "time": 1800000001,
         "signals": {"queue_depth": [{"at": 1800000000, "value": 10}, {"at": 1800000001, "value": 80}]}}
        """).post("/api/v1/evaluate").then().statusCode(200)
        .body("engineReason", equalTo("ScaleUpLimit"))
        .body("afterRateLimitsAndBounds", equalTo(6))
        .body("panicking", equalTo(true))
        .body("panicProposal", equalTo(9))
        .body("desiredReplicas", equalTo(9))
        .body("reason", equalTo("PanicMode"));
    // A queue growing by 1 every 10 s from 10 to 20 at 4 replicas: 120 s ahead it is 32, so 7 replicas now.
    StringBuilder ramp = new StringBuilder();
    for (int t = 0; t <= 100; t += 10) {
      ramp.append(ramp.isEmpty() ? "" : ",").append("{\"at\": ").append(1_800_000_000 + t).append(", \"value\": ").append(10 + t / 10)
          .append('}');
    }
    given().contentType(ContentType.JSON).body("""
        {"policy": {"maxReplicas": 20, "metrics": [{"signal": "queue_depth", "target": {"type": "AverageValue", "averageValue": 5}}],
                    "predictive": {"coldStartSeconds": 120}},
         "currentReplicas": 4, "time": 1800000100, "signals": {"queue_depth": [%s]}}
        """.formatted(ramp)).post("/api/v1/evaluate").then().statusCode(200)
        .body("predicted", equalTo(7))
        .body("desiredReplicas", equalTo(7))
        .body("reason", equalTo("PredictiveScaleUp"));
  }

  @Test
  void aMisspeltFieldIsAnErrorNotIgnored() {
    given().contentType(ContentType.JSON).body("""
        {"policy": {"maxReplicas": 4, "metrics": [{"signal": "q", "target": {"type": "Value", "value": 1}}], "behaviour": {}},
         "currentReplicas": 1}""")
        .post("/api/v1/evaluate").then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
        .body("errors[0].field", equalTo("policy.behaviour"))
        .body("errors[0].message", startsWith("is not a known field (known: "));
  }
}
