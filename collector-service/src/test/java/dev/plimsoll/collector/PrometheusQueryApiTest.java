package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus HTTP API over what the collector scraped from the fake simulator. */
@QuarkusTest
@WithTestResource(FakeSimulator.class)
class PrometheusQueryApiTest {
  private static final String WAITING = "sum(vllm:num_requests_waiting{workload=\"" + FakeSimulator.CHAT + "\"})";

  @BeforeEach
  void scraped() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("query", WAITING).get("/api/v1/query")
        .then().statusCode(200).body("data.result[0].value[1]", equalTo("7")));
  }

  @Test
  void instantQueryInPrometheusJson() {
    given().queryParam("query", WAITING).get("/api/v1/query").then().statusCode(200)
        .contentType(ContentType.JSON)
        .body("status", equalTo("success"))
        .body("data.resultType", equalTo("vector"))
        .body("data.result[0].metric.size()", equalTo(0))
        .body("data.result[0].value[1]", equalTo("7"));
    given().contentType(ContentType.URLENC).formParam("query", "1 + 1").post("/api/v1/query").then().statusCode(200)
        .body("data.resultType", equalTo("scalar")).body("data.result[1]", equalTo("2"));
  }

  @Test
  void rangeQuery() {
    long now = Instant.now().getEpochSecond();
    given().queryParam("query", "up{replica=\"chat-0\"}").queryParam("start", now - 5).queryParam("end", now).queryParam("step", "1s")
        .get("/api/v1/query_range").then().statusCode(200)
        .body("data.resultType", equalTo("matrix"))
        .body("data.result[0].metric.replica", equalTo("chat-0"))
        .body("data.result[0].values[-1][1]", equalTo("1"));
  }

  @Test
  void seriesLabelsAndValues() {
    given().queryParam("match[]", "vllm:num_requests_waiting").get("/api/v1/series").then().statusCode(200)
        .body("data.replica", hasItems("chat-0", "chat-1"))
        .body("data[0].workload", equalTo(FakeSimulator.CHAT));
    given().get("/api/v1/labels").then().statusCode(200).body("data", hasItems("__name__", "instance", "workload", "replica", "model_name"));
    given().get("/api/v1/label/__name__/values").then().statusCode(200).body("data", hasItems("up", "vllm:num_requests_waiting"));
    given().get("/api/v1/status/buildinfo").then().statusCode(200).body("data.version", startsWith("2."));
  }

  @Test
  void errorsInPrometheusJson() {
    given().queryParam("query", "sum(").get("/api/v1/query").then().statusCode(400)
        .body("status", equalTo("error")).body("errorType", equalTo("bad_data"));
    given().get("/api/v1/query").then().statusCode(400).body("error", startsWith("invalid parameter \"query\""));
    given().queryParam("query", "up").queryParam("start", "x").queryParam("end", "1").queryParam("step", "1")
        .get("/api/v1/query_range").then().statusCode(400).body("error", startsWith("invalid parameter \"start\""));
    given().queryParam("query", "up").queryParam("start", "0").queryParam("end", "100000").queryParam("step", "1")
        .get("/api/v1/query_range").then().statusCode(400).body("error", startsWith("exceeded maximum resolution"));
    // exactly 11,000 steps is still within Prometheus' bound (it refuses more than that); 11,001 is not
    given().queryParam("query", "up").queryParam("start", "0").queryParam("end", "11000").queryParam("step", "1")
        .get("/api/v1/query_range").then().statusCode(200).body("status", equalTo("success"));
    given().queryParam("query", "up").queryParam("start", "0").queryParam("end", "11001").queryParam("step", "1")
        .get("/api/v1/query_range").then().statusCode(400).body("error", startsWith("exceeded maximum resolution"));
    given().queryParam("query", "up offset 5m").get("/api/v1/query").then().statusCode(400).body("errorType", equalTo("bad_data"));
    given().get("/api/v1/series").then().statusCode(400).body("error", equalTo("no match[] parameter provided"));
    given().queryParam("match[]", "rate(up[1m])").get("/api/v1/series").then().statusCode(400).body("errorType", equalTo("bad_data"));
  }

  @Test
  void theTargetsOwnSeries() {
    given().queryParam("query", "scrape_samples_scraped{replica=\"chat-0\"} > 0").get("/api/v1/query").then().statusCode(200)
        .body("data.result.metric.__name__", hasItem("scrape_samples_scraped"));
  }
}
