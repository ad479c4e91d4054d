package dev.plimsoll.scaler.backtest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.scaler.support.FakeSimulatorResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** POST /api/v1/backtests runs asynchronously and serves results, timelines and a chart; bad input names its fields. */
@QuarkusTest
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class BacktestResourceTest {

  @Test
  void aSyntheticBacktestRunsEveryAutoscalerAndACustomPolicy() {
    String location = given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "synthetic", "seconds": 600, "ratePerSecond": 4, "bursts": [{"start": 300, "seconds": 60, "multiplier": 5}],
                   "meanPromptTokens": 800, "meanOutputTokens": 100, "seed": 7},
         "maxGpus": 16, "slo": {"ttftSeconds": 2, "e2eSeconds": 60}, "terminationGraceSeconds": 60,
         "policy": {"minReplicas": 1, "maxReplicas": 16,
                    "metrics": [{"signal": "queue_depth", "target": {"type": "AverageValue", "averageValue": 3}},
                                {"signal": "e2e_load", "target": {"type": "AverageValue", "averageValue": 0.9}}]}}""")
        .post("/api/v1/backtests").then().statusCode(202)
        .body("state", org.hamcrest.Matchers.oneOf("queued", "running", "done"))
        .body("total", equalTo(5))
        .extract().header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/backtests/" + id).then().statusCode(200)
        .body("state", equalTo("done")));
    given().get("/api/v1/backtests/" + id).then().statusCode(200)
        .body("done", equalTo(5))
        .body("terminationGraceSeconds", equalTo(60f))
        .body("results.autoscaler", contains("hpa-utilization", "keda-queue", "knative-kpa", "plimsoll", "custom"))
        .body("results[0].requests", org.hamcrest.Matchers.greaterThan(2000))
        .body("results[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("timeline"))) // at the links, not here
        .body("oracleGpuHours", org.hamcrest.Matchers.greaterThan(0f))
        .body("links.chart", equalTo("/api/v1/backtests/" + id + "/chart.png"));
    given().get("/api/v1/backtests/" + id + "/timeline.csv").then().statusCode(200).contentType(startsWith("text/csv"))
        .body(startsWith("autoscaler,at,replicas,ready,queue_depth,running\n"));
    given().get("/api/v1/backtests/" + id + "/timeline.json").then().statusCode(200).body("custom[0].at", equalTo(0));
    byte[] png = given().get("/api/v1/backtests/" + id + "/chart.png").then().statusCode(200).contentType("image/png").extract().asByteArray();
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    String table = given().get("/api/v1/backtests/" + id + "/table").then().statusCode(200).extract().asString();
    assertTrue(table.contains("oracle-bound"), table);
    given().get("/api/v1/backtests").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));
  }

  @Test
  void hindsightAndTheSweepAreAddedWhenAskedFor() {
    String location = given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "synthetic", "seconds": 300, "ratePerSecond": 3, "meanPromptTokens": 800, "meanOutputTokens": 100, "seed": 3},
         "maxGpus": 8, "autoscalers": ["plimsoll"], "hindsight": true, "sweep": true}""")
        .post("/api/v1/backtests").then().statusCode(202).body("total", equalTo(1 + 2 + 90)).extract().header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().get("/api/v1/backtests/" + id).then().statusCode(200)
        .body("state", equalTo("done")));
    given().get("/api/v1/backtests/" + id).then().statusCode(200)
        .body("done", equalTo(93))
        .body("results.autoscaler", contains("plimsoll"))
        .body("hindsight.autoscaler", contains(org.hamcrest.Matchers.startsWith("best-fixed-"), equalTo("best-plan")))
        .body("hindsight[1].minuteAttainment", org.hamcrest.Matchers.greaterThanOrEqualTo(0.99f))
        .body("sweep.points", hasSize(90))
        .body("sweep.points[0].workLoadTarget", equalTo(0.6f))
        .body("sweep.points[0].e2eLoadTarget", equalTo(0.6f))
        .body("sweep.points[9].e2eLoadTarget", equalTo(0f))
        .body("sweep.cheapest.minuteAttainment", org.hamcrest.Matchers.greaterThanOrEqualTo(0.99f));
    String table = given().get("/api/v1/backtests/" + id + "/table").then().statusCode(200).extract().asString();
    assertTrue(table.contains("best-plan") && table.contains("(chosen with hindsight: an upper bound)"), table);
    // every row against the best of the two hindsight schedules too: that one at 1.00, Plimsoll at a number
    assertTrue(table.lines().anyMatch(l -> l.matches("best-(fixed-\\d+|plan) +\\d+\\.\\d\\d +\\d+\\.\\d\\d +1\\.00 .*")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("plimsoll +\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+\\.\\d\\d .*")), table);
    // Without them (the default) neither appears.
    String plain = given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "synthetic", "seconds": 120, "seed": 3}, "autoscalers": ["plimsoll"]}""")
        .post("/api/v1/backtests").then().statusCode(202).body("total", equalTo(1)).extract().header("Location");
    String plainId = plain.substring(plain.lastIndexOf('/') + 1);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/backtests/" + plainId).then()
        .body("state", equalTo("done")).body("hindsight", org.hamcrest.Matchers.nullValue()).body("sweep", org.hamcrest.Matchers.nullValue()));
  }

  @Test
  void anInlineAzureTraceIsRead() {
    String location = given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "azure", "content": "TIMESTAMP,ContextTokens,GeneratedTokens\\n2023-11-16 18:15:46.6805900,374,44\\n2023-11-16 18:15:50.9951690,396,109\\n"},
         "autoscalers": ["keda-queue"]}""")
        .post("/api/v1/backtests").then().statusCode(202).body("trace", equalTo("2 requests over 4 s")).extract().header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/backtests/" + id).then().body("state", equalTo("done"))
        .body("results", hasSize(1)).body("results[0].completed", equalTo(2)));
  }

  @Test
  void anInlineBurstGptTraceIsRead() {
    String location = given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "burstgpt", "content": "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\\n5,ChatGPT,472,18,490,Conversation log\\n12.5,GPT-4,417,276,693,API log\\n"},
         "autoscalers": ["plimsoll"]}""")
        .post("/api/v1/backtests").then().statusCode(202).body("trace", equalTo("2 requests over 8 s")).extract().header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/backtests/" + id).then().body("state", equalTo("done"))
        .body("results", hasSize(1)).body("results[0].completed", equalTo(2)));
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "burstgpt", "content": "Timestamp,Model,Tokens\\n5,ChatGPT,3\\n"}}""")
        .post("/api/v1/backtests").then().statusCode(400)
        .body("errors.field", contains("trace.content"))
        .body("errors[0].message", startsWith("line 1: expected a header naming each of Timestamp, Request tokens, Response tokens once"));
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "burstgpt", "content": "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\\n0,a,1,1,2,x\\n3e9,a,1,1,2,x\\n"}}""")
        .post("/api/v1/backtests").then().statusCode(400)
        .body("errors.field", contains("trace"))
        .body("errors[0].message", equalTo("spans 3000000000 s (time-scaled); at most 2678400 s (31 days): send a window of it"));
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "csv", "content": "x"}}""")
        .post("/api/v1/backtests").then().statusCode(400)
        .body("errors[0].message", equalTo("must be azure, burstgpt, mooncake or synthetic"));
  }

  @Test
  void badInputNamesEveryField() {
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "mooncake", "content": "{\\"timestamp\\": 0, \\"input_length\\": 5, \\"output_length\\": 1}\\n{\\"timestamp\\": 1}\\n"},
         "profile": "gpt-9", "timeScale": 0, "autoscalers": ["hpa-magic"], "terminationGraceSeconds": -1}""")
        .post("/api/v1/backtests").then().statusCode(400)
        .body("errors.field", contains("profile", "timeScale", "terminationGraceSeconds", "trace.content"))
        .body("errors[3].message", startsWith("line 2: \"input_length\" is missing"));
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "synthetic", "seconds": 60}, "autoscalers": ["hpa-magic"],
         "policy": {"maxReplicas": 4, "metrics": [{"signal": "gpu_temp", "target": {"type": "Value", "value": 1}}]}}""")
        .post("/api/v1/backtests").then().statusCode(400)
        .body("errors.field", contains("autoscalers[0]", "policy.metrics"))
        .body("errors[1].message", containsString("gpu_temp is not a backtest signal"));
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "synthetic", "seconds": 60}, "hindsight": "yes", "terminationGraceSeconds": 1}""")
        .post("/api/v1/backtests").then().statusCode(400).contentType(startsWith("application/problem+json"));
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "synthetic", "seconds": 60}, "terminationGraceSeconds": 3601}""")
        .post("/api/v1/backtests").then().statusCode(400).body("errors.field", contains("terminationGraceSeconds"));
    // A trace above scaler.backtest.max-search-requests (1,500 in tests) runs, but not with hindsight or a sweep.
    given().contentType(ContentType.JSON).body("""
        {"trace": {"format": "synthetic", "seconds": 600, "ratePerSecond": 4, "seed": 2}, "sweep": true}""")
        .post("/api/v1/backtests").then().statusCode(400).body("errors.field", contains("sweep"))
        .body("errors[0].message", containsString("scaler.backtest.max-search-requests"));
    given().get("/api/v1/backtests/nope").then().statusCode(404).body("type", equalTo("https://plimsoll.dev/problems/unknown-backtest"));
  }
}
