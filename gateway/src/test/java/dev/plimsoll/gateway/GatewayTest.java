package dev.plimsoll.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Wiring: the gateway in front of real HTTP upstreams (one up, one hanging, one down). */
@QuarkusTest
@QuarkusTestResource(FakeUpstreams.class)
class GatewayTest {

  @Test
  void routesToTheServiceUnderApi() {
    given().get("/api/scaler/v1/policies?workload=simulated/demo/Fleet/chat")
        .then().statusCode(200)
        .header("X-Upstream", "scaler")
        .body("method", equalTo("GET"))
        .body("uri", equalTo("/api/v1/policies?workload=simulated%2Fdemo%2FFleet%2Fchat"))
        .body("prefix", equalTo("/api/scaler"));
  }

  @Test
  void forwardsBodiesAndUpstreamStatuses() {
    given().contentType("application/json").body("{\"a\":1}").post("/api/scaler/v1/policies")
        .then().statusCode(200).body("method", equalTo("POST")).body("body", equalTo("{'a':1}"));
    given().get("/api/scaler/v1/missing").then().statusCode(404).header("X-Upstream", "scaler");
  }

  @Test
  void downServiceGives502Problem() {
    given().get("/api/gpu/v1/inventory")
        .then().statusCode(502)
        .contentType("application/problem+json")
        .body("status", equalTo(502))
        .body("type", equalTo("https://plimsoll.dev/problems/upstream-unavailable"))
        .body("detail", containsString("'gpu'"))
        .body("detail", containsString("connection refused"));
  }

  @Test
  void hangingServiceGives504Problem() {
    given().get("/api/slow/v1/anything")
        .then().statusCode(504)
        .contentType("application/problem+json")
        .body("detail", containsString("'slow'"));
  }

  @Test
  void unknownRoutesGive404Problem() {
    given().get("/api/nope/v1/x").then().statusCode(404).contentType("application/problem+json")
        .body("detail", containsString("no service 'nope'"));
    given().get("/definitely/not/here").then().statusCode(404).contentType("application/problem+json")
        .body("title", equalTo("Not Found"))
        .body(not(containsString("Exception")));
    given().get("/api/collector/v1/targets").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void oversizedBodyGives413Problem() {
    given().contentType("application/json").body("x".repeat(4096)).post("/api/scaler/v1/policies")
        .then().statusCode(413).contentType("application/problem+json");
  }

  @Test
  void healthNamesTheServicesThatAreDown() {
    given().get("/api/health")
        .then().statusCode(503)
        .contentType("application/json")
        .body("status", equalTo("DOWN"))
        .body("down", hasItem("gpu"))
        .body("down", not(hasItem("scaler")))
        .body("services.scaler.status", equalTo("UP"))
        .body("services.gpu.error", containsString("refused"));
  }

  @Test
  void wrongMethodOnTheGatewaysOwnEndpointIsAProblem() {
    given().post("/api/health").then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
  }

  @Test
  void probesAndDocsAreServed() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("upstreams"));
    given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/api/health"));
    given().get("/q/metrics").then().statusCode(200);
  }
}
