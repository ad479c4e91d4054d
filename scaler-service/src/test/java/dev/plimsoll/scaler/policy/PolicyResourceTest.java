package dev.plimsoll.scaler.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.plimsoll.scaler.support.FakeSimulator;
import dev.plimsoll.scaler.support.FakeSimulatorResource;
import dev.plimsoll.scaler.support.InjectFakeSimulator;
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

  @InjectFakeSimulator
  FakeSimulator simulator;

  private static String body(String workload, int min, int max) {
    return """
        {"workload":"%s","minReplicas":%d,"maxReplicas":%d,
         "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}
        """.formatted(workload, min, max);
  }

  private static ExtractableResponse<Response> create(String json) {
    return given().contentType(ContentType.JSON).body(json).when().post("/api/v1/policies").then().extract();
  }

  /** A fleet the fake simulator knows, so that an enforced policy for it is accepted. */
  private String fleet(String name) {
    simulator.fleet("policies", name, 2);
    return "simulated/policies/Fleet/" + name;
  }

  @Test
  void crudRoundTripKeepsEveryRevision() {
    String workload = fleet("crud");
    ExtractableResponse<Response> created = create(body(workload, 1, 8));
    org.junit.jupiter.api.Assertions.assertEquals(201, created.statusCode());
    long id = created.jsonPath().getLong("id");
    org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/api/v1/policies/" + id));

    given().when().get("/api/v1/policies/" + id).then().statusCode(200)
        .body("id", equalTo((int) id))
        .body("workload", equalTo(workload))
        .body("mode", equalTo("enforce"))
        .body("source", equalTo("api"))
        .body("metrics[0].signal", equalTo("queue_depth"))
        .body("metrics[0].target.type", equalTo("AverageValue"))
        .body("metrics[0].target.averageValue", equalTo(5))
        .body("minReplicas", equalTo(1))
        .body("maxReplicas", equalTo(8))
        .body("version", equalTo(0))
        .body("createdAt", not(nullValue()))
        .body("warnings", nullValue());
    given().when().get("/api/v1/policies").then().statusCode(200).body("workload", hasItem(workload));

    String update = """
        {"workload":"%s","minReplicas":2,"maxReplicas":6,"version":0,
         "metrics":[{"signal":"kv_cache_usage","target":{"type":"Value","value":"800m"}}],
         "behavior":{"scaleDown":{"stabilizationWindowSeconds":60,"tolerance":0.05}},
         "panic":{}, "predictive":{"coldStartSeconds":120}}""".formatted(workload);
    given().contentType(ContentType.JSON).body(update).when().put("/api/v1/policies/" + id).then().statusCode(200)
        .body("metrics[0].signal", equalTo("kv_cache_usage"))
        .body("metrics[0].target.value", equalTo("800m"))
        .body("behavior.scaleDown.stabilizationWindowSeconds", equalTo(60))
        .body("predictive.coldStartSeconds", equalTo(120))
        .body("version", equalTo(1));
    given().when().get("/api/v1/policies/" + id).then().statusCode(200).body("version", equalTo(1)).body("minReplicas", equalTo(2));

    // the same PUT again is stale now
    given().contentType(ContentType.JSON).body(update).when().put("/api/v1/policies/" + id).then().statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/stale-version"))
        .body("status", equalTo(409))
        .body("detail", containsString("version 1"));

    given().when().delete("/api/v1/policies/" + id).then().statusCode(204);
    given().when().get("/api/v1/policies/" + id).then().statusCode(404);
    given().when().get("/api/v1/policies").then().statusCode(200).body("workload", not(hasItem(workload)));
    given().when().get("/api/v1/policies/" + id + "/revisions").then().statusCode(200)
        .body("change", contains("created", "updated", "deleted"))
        .body("version", contains(0, 1, 1))
        .body("[0].metrics[0].signal", equalTo("queue_depth"))
        .body("[1].metrics[0].signal", equalTo("kv_cache_usage"))
        .body("[1].workload", equalTo(workload));
  }

  @Test
  void anHpaSpecIsStoredAsWrittenAndReadBack() {
    String workload = fleet("hpa-copy");
    String spec = """
        {"workload":"%s","maxReplicas":10,
         "metrics":[{"type":"External","external":{"metric":{"name":"queue_depth"},"target":{"type":"AverageValue","averageValue":"5"}}}],
         "behavior":{"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max",
                                "policies":[{"type":"Pods","value":4,"periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}]}},
         "schedules":[{"name":"office","days":["MON","TUE","WED","THU","FRI"],"start":"08:00","end":"18:00","timeZone":"Europe/Berlin","minReplicas":3}],
         "fallback":{"failureThreshold":3,"replicas":4,"behavior":"currentReplicasIfHigher"}}""".formatted(workload);
    long id = create(spec).jsonPath().getLong("id");
    given().when().get("/api/v1/policies/" + id).then().statusCode(200)
        .body("metrics[0].type", equalTo("External"))
        .body("metrics[0].external.metric.name", equalTo("queue_depth"))
        .body("metrics[0].external.target.averageValue", equalTo("5"))
        .body("behavior.scaleUp.policies", hasSize(2))
        .body("schedules[0].timeZone", equalTo("Europe/Berlin"))
        .body("fallback.behavior", equalTo("currentReplicasIfHigher"));
  }

  @Test
  void anUnknownWorkloadIsAcceptedOnlyInDryRunWithAWarning() {
    String workload = "simulated/policies/Fleet/not-there";
    given().contentType(ContentType.JSON).body(body(workload, 1, 4)).when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("workload"))
        .body("errors[0].message", containsString("HTTP 404"))
        .body("errors[0].message", containsString("use mode dry-run"));
    given().contentType(ContentType.JSON).body(body(workload, 1, 4).replace("\"minReplicas\"", "\"mode\":\"dry-run\",\"minReplicas\""))
        .when().post("/api/v1/policies").then()
        .statusCode(201)
        .body("mode", equalTo("dry-run"))
        .body("warnings", hasSize(1))
        .body("warnings[0]", containsString("does not exist (yet)"));
  }

  @Test
  void zeroMinReplicasIsAcceptedWithAWarningAboutActivation() {
    given().contentType(ContentType.JSON).body(body(fleet("zero"), 0, 4)).when().post("/api/v1/policies").then()
        .statusCode(201)
        .body("minReplicas", equalTo(0))
        .body("warnings[0]", containsString("activationThreshold"));
  }

  @Test
  void invalidBodyListsEveryFieldError() {
    String invalid = """
        {"workload":"chat","minReplicas":-1,"maxReplicas":0,"mode":"sometimes",
         "metrics":[{"signal":"queue_depth","target":{"type":"Bogus"}}],
         "schedules":[{"start":"8am","end":"18:00","timeZone":"Europe/Berlin","minReplicas":2}]}""";
    given().contentType(ContentType.JSON).body(invalid).when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("status", equalTo(400))
        .body("instance", equalTo("/api/v1/policies"))
        .body("errors.field", contains("workload", "mode", "minReplicas", "maxReplicas", "metrics[0].target.type", "schedules[0].start"))
        .body("errors.find { it.field == 'workload' }.message", containsString("platform/namespace/kind/name"))
        .body("stackTrace", nullValue());
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
      workload     | {"name":"x"}   | must be a string
      mode         | ["enforce"]    | must be a string
      """)
  void wronglyTypedFieldIsAValidationProblem(String field, String value, String message) {
    String json = """
        {"workload":"simulated/types/Fleet/chat","minReplicas":1,"maxReplicas":4,
         "metrics":[{"signal":"queue_depth","target":{"type":"AverageValue","averageValue":5}}]}""";
    String pair = "\"" + field + "\":" + value;
    json = json.contains("\"" + field + "\":") ? json.replaceFirst("\"" + field + "\":[^,}]+", Matcher.quoteReplacement(pair))
        : json.substring(0, json.length() - 1) + "," + pair + "}";
    given().contentType(ContentType.JSON).body(json).when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/validation"))
        .body("title", equalTo("Invalid request"))
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo(field))
        .body("errors[0].message", equalTo(message))
        .body(not(containsString("java.")))
        .body(not(containsString("Exception")));
  }

  @Test
  void bodyOfTheWrongJsonTypeIsAValidationProblemOnTheBody() {
    given().contentType(ContentType.JSON).body("[1,2]").when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("body"))
        .body("errors[0].message", equalTo("must be a JSON object"));
  }

  @Test
  void missingRequiredFieldsAreAllListed() {
    given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("workload", "maxReplicas", "metrics"));
  }

  @Test
  void putWithoutVersionIsInvalid() {
    String workload = fleet("noversion");
    long id = create(body(workload, 1, 4)).jsonPath().getLong("id");
    given().contentType(ContentType.JSON).body(body(workload, 1, 5)).when().put("/api/v1/policies/" + id)
        .then().statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("version"));
  }

  @Test
  void secondPolicyForTheSameWorkloadConflicts() {
    String workload = fleet("dup");
    org.junit.jupiter.api.Assertions.assertEquals(201, create(body(workload, 1, 4)).statusCode());
    given().contentType(ContentType.JSON).body(body(workload, 2, 6)).when().post("/api/v1/policies").then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/duplicate-policy"))
        .body("detail", containsString(workload));

    // moving another policy onto that workload conflicts too
    long other = create(body(fleet("dup-other"), 1, 4)).jsonPath().getLong("id");
    given().contentType(ContentType.JSON).body(body(workload, 1, 4).replace("\"minReplicas\"", "\"version\":0,\"minReplicas\""))
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
    given().contentType(ContentType.JSON).body(body(fleet("none"), 1, 4).replace("\"minReplicas\"", "\"version\":0,\"minReplicas\""))
        .when().put("/api/v1/policies/999999").then().statusCode(404).contentType(PROBLEM_JSON);
    given().when().delete("/api/v1/policies/999999").then().statusCode(404).contentType(PROBLEM_JSON);
    given().when().get("/api/v1/policies/999999/revisions").then().statusCode(404).contentType(PROBLEM_JSON);
  }

  @Test
  void malformedJsonIsAReadableProblem() {
    given().contentType(ContentType.JSON).body("{\"workload\": ").when().post("/api/v1/policies").then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("https://plimsoll.dev/problems/malformed-request"))
        .body("detail", startsWith("the request body is not valid JSON (line 1, column"))
        .body("errors", nullValue());
  }

  @Test
  void openApiDescribesTheApi() {
    given().when().get("/q/openapi?format=json").then().statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/policies"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/policies/{id}"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/policies/{id}/revisions"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/decisions"));
  }

  @Test
  void unknownPathIsAProblemToo() {
    given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM_JSON)
        .body("status", equalTo(404));
  }
}
