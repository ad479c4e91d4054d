package dev.plimsoll.scaler.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.plimsoll.scaler.support.FakeSimulatorResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy API against the real PostgreSQL (plimsoll_test). Each test uses its own workload names. */
@QuarkusTest
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class PolicyResourceTest {

  private static final String PROBLEM_JSON = "application/problem+json";

  private static String body(String workload, int min, int max) {
    return """
        {"workload":"%s","metric":"queue_depth","target":5.0,"minReplicas":%d,"maxReplicas":%d}
        """.formatted(workload, min, max);
  }

  private static ExtractableResponse<Response> create(String json) {
    return given().contentType(ContentType.JSON).body(json).when().post("/api/v1/policies").then().extract();
  }

  @Test
  void crudRoundTrip() {
    String workload = "simulated/crud/Fleet/chat";
    ExtractableResponse<Response> created = create(body(workload, 1, 8));
    org.junit.jupiter.api.Assertions.assertEquals(201, created.statusCode(), created.asString());
    long id = created.jsonPath().getLong("id");
    String location = created.header("Location");
    org.hamcrest.MatcherAssert.assertThat(location, endsWith("/api/v1/policies/" + id));

    // defaults: AverageValue, tolerance 0.1, 300 s; version starts at 0
    given().when().get(location).then().statusCode(200)
        .body("id", equalTo((int) id))
        .body("workload", equalTo(workload))
        .body("metric", equalTo("queue_depth"))
        .body("targetType", equalTo("AverageValue"))
        .body("target", equalTo(5.0f))
        .body("minReplicas", equalTo(1))
        .body("maxReplicas", equalTo(8))
        .body("tolerance", equalTo(0.1f))
        .body("scaleDownStabilizationSeconds", equalTo(300))
        .body("version", equalTo(0))
        .body("createdAt", not(nullValue()));

    given().when().get("/api/v1/policies").then().statusCode(200).body("workload", hasItem(workload));

    String update = """
        {"workload":"%s","metric":"kv_cache_usage","targetType":"Value","target":0.8,"minReplicas":2,"maxReplicas":6,
         "tolerance":0.05,"scaleDownStabilizationSeconds":60,"version":0}
        """.formatted(workload);
    given().contentType(ContentType.JSON).body(update).when().put("/api/v1/policies/" + id).then().statusCode(200)
        .body("metric", equalTo("kv_cache_usage"))
        .body("targetType", equalTo("Value"))
        .body("maxReplicas", equalTo(6))
        .body("tolerance", equalTo(0.05f))
        .body("scaleDownStabilizationSeconds", equalTo(60))
        .body("version", equalTo(1));
    given().when().get("/api/v1/policies/" + id).then().statusCode(200).body("version", equalTo(1)).body("minReplicas", equalTo(2));

    // the same update again is based on version 0, which is stale now
    given().contentType(ContentType.JSON).body(update).when().put("/api/v1/policies/" + id).then().statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/stale-version"))
        .body("status", equalTo(409))
        .body("detail", containsString("version 1"));

    given().when().delete("/api/v1/policies/" + id).then().statusCode(204);
    given().when().get("/api/v1/policies/" + id).then().statusCode(404).contentType(PROBLEM_JSON);
    given().when().get("/api/v1/policies").then().statusCode(200).body("workload", not(hasItem(workload)));
  }

  @Test
  void invalidBodyListsEveryFieldError() {
    String invalid = """
        {"workload":"chat","metric":"cpu","targetType":"Bogus","target":0,"minReplicas":-1,"maxReplicas":0,
         "tolerance":1.5,"scaleDownStabilizationSeconds":4000}
        """;
    given().contentType(ContentType.JSON).body(invalid).when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("status", equalTo(400))
        .body("instance", equalTo("/api/v1/policies"))
        .body("errors", hasSize(8))
        .body("errors.field", containsInAnyOrder("workload", "metric", "targetType", "target", "minReplicas", "maxReplicas",
            "tolerance", "scaleDownStabilizationSeconds"))
        .body("errors.find { it.field == 'workload' }.message", containsString("platform/namespace/kind/name"))
        .body("errors.find { it.field == 'metric' }.message",
            equalTo("must be one of queue_depth, requests_running, generation_tokens_per_second, ttft_p95_seconds, kv_cache_usage"))
        .body("errors.find { it.field == 'targetType' }.message", equalTo("must be one of Value, AverageValue"))
        .body("errors.find { it.field == 'minReplicas' }.message", equalTo(ZERO_MIN_MESSAGE))
        .body("stackTrace", nullValue());
  }

  private static final String ZERO_MIN_MESSAGE =
      "must be at least 1: scale to zero needs activation thresholds, which are not supported yet";

  /** With 0 replicas nothing is scraped, so every signal is missing and 0 would be kept forever. */
  @Test
  void zeroMinReplicasIsRefusedUntilScaleFromZeroExists() {
    String workload = "simulated/zero/Fleet/chat";
    given().contentType(ContentType.JSON).body(body(workload, 0, 4)).when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("minReplicas"))
        .body("errors[0].message", equalTo(ZERO_MIN_MESSAGE));
    given().when().get("/api/v1/policies").then().statusCode(200).body("workload", not(hasItem(workload)));

    long id = create(body(workload, 1, 4)).jsonPath().getLong("id");
    given().contentType(ContentType.JSON).body(body(workload, 0, 4).replace("}", ",\"version\":0}"))
        .when().put("/api/v1/policies/" + id).then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("minReplicas"))
        .body("errors[0].message", equalTo(ZERO_MIN_MESSAGE));
    given().when().get("/api/v1/policies/" + id).then().statusCode(200).body("minReplicas", equalTo(1));
  }

  /** A value of the wrong JSON type is a validation problem naming the field, not a bare "malformed request". */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # field      | JSON value     | message
      minReplicas  | "two"          | must be an integer
      minReplicas  | true           | must be an integer
      maxReplicas  | 2.5            | must be an integer
      maxReplicas  | 99999999999    | must be an integer from -2147483648 to 2147483647
      version      | "latest"       | must be an integer
      target       | "high"         | must be a number
      tolerance    | [0.1]          | must be a number
      workload     | {"name":"x"}   | must be a string
      metric       | ["queue_depth"] | must be a string
      """)
  void wronglyTypedFieldIsAValidationProblem(String field, String value, String message) {
    String json = """
        {"workload":"simulated/types/Fleet/chat","metric":"queue_depth","target":5.0,"minReplicas":1,"maxReplicas":4}
        """.strip();
    String pair = "\"" + field + "\":" + value;
    json = json.contains("\"" + field + "\":") ? json.replaceFirst("\"" + field + "\":[^,}]+", Matcher.quoteReplacement(pair))
        : json.substring(0, json.length() - 1) + "," + pair + "}";
    given().contentType(ContentType.JSON).body(json).when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("title", equalTo("Invalid request"))
        .body("instance", equalTo("/api/v1/policies"))
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo(field))
        .body("errors[0].message", equalTo(message))
        .body(not(containsString("java.")))
        .body(not(containsString("Exception")));
    given().when().get("/api/v1/policies").then().statusCode(200).body("workload", not(hasItem("simulated/types/Fleet/chat")));
  }

  @Test
  void bodyOfTheWrongJsonTypeIsAValidationProblemOnTheBody() {
    given().contentType(ContentType.JSON).body("[1,2]").when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("body"))
        .body("errors[0].message", equalTo("must be a JSON object"));
  }

  @Test
  void missingRequiredFieldsAreAllListed() {
    given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("workload", "metric", "target", "minReplicas", "maxReplicas"));
  }

  @Test
  void minAboveMaxIsReportedOnMaxReplicas() {
    given().contentType(ContentType.JSON).body(body("simulated/bounds/Fleet/chat", 5, 2)).when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("maxReplicas"))
        .body("errors[0].message", equalTo("must be >= minReplicas"));
  }

  @Test
  void putWithoutVersionIsInvalid() {
    long id = create(body("simulated/noversion/Fleet/chat", 1, 4)).jsonPath().getLong("id");
    given().contentType(ContentType.JSON).body(body("simulated/noversion/Fleet/chat", 1, 5)).when().put("/api/v1/policies/" + id)
        .then().statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("version"));
  }

  @Test
  void secondPolicyForTheSameWorkloadConflicts() {
    String workload = "simulated/dup/Fleet/chat";
    org.junit.jupiter.api.Assertions.assertEquals(201, create(body(workload, 1, 4)).statusCode());
    given().contentType(ContentType.JSON).body(body(workload, 2, 6)).when().post("/api/v1/policies").then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/duplicate-policy"))
        .body("detail", containsString(workload));

    // moving another policy onto that workload conflicts too
    long other = create(body("simulated/dup/Fleet/other", 1, 4)).jsonPath().getLong("id");
    given().contentType(ContentType.JSON).body(body(workload, 1, 4).replace("}", ",\"version\":0}"))
        .when().put("/api/v1/policies/" + other).then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/duplicate-policy"));
  }

  @Test
  void unknownIdIsNotFound() {
    given().when().get("/api/v1/policies/999999").then().statusCode(404).contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/unknown-policy"))
        .body("detail", equalTo("no policy with id 999999"));
    given().contentType(ContentType.JSON).body(body("simulated/none/Fleet/chat", 1, 4).replace("}", ",\"version\":0}"))
        .when().put("/api/v1/policies/999999").then().statusCode(404).contentType(PROBLEM_JSON);
    given().when().delete("/api/v1/policies/999999").then().statusCode(404).contentType(PROBLEM_JSON);
  }

  @Test
  void malformedJsonIsAReadableProblem() {
    given().contentType(ContentType.JSON).body("{\"workload\": ").when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/malformed-request"))
        .body("detail", startsWith("the request body is not valid JSON (line 1, column"))
        .body("errors", nullValue());
    given().contentType(ContentType.JSON).body("{\"workload\":\"simulated/x/Fleet/y\" \"metric\":\"queue_depth\"}")
        .when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/malformed-request"))
        .body("detail", startsWith("the request body is not valid JSON"))
        .body(not(containsString("Exception")));
  }

  @Test
  void openApiDescribesTheApi() {
    given().when().get("/q/openapi?format=json").then().statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/policies"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/policies/{id}"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/decisions"));
  }

  @Test
  void unknownPathIsAProblemToo() {
    given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM_JSON)
        .body("status", equalTo(404));
  }
}
