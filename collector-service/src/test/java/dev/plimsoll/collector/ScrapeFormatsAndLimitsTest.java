package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scrape picks the parser by Content-Type, asks for OpenMetrics first, and a target over a limit
 * fails alone with the limit named in its health.
 */
@QuarkusTest
@QuarkusTestResource(value = FormatsSimulator.class, restrictToAnnotatedClass = true)
class ScrapeFormatsAndLimitsTest {

  @Test
  void eachTargetIsReadInItsOwnFormatAndLimitsFailOnlyTheTargetOverThem() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      List<Map<String, Object>> targets = given().get("/api/v1/targets").then().statusCode(200).extract().jsonPath().getList("$");
      Map<String, Object> om = target(targets, "om");
      Map<String, Object> text = target(targets, "text");
      Map<String, Object> wide = target(targets, "wide");
      Map<String, Object> many = target(targets, "many");
      Map<String, Object> broken = target(targets, "broken");
      Map<String, Object> gz = target(targets, "gz");
      assertAll(
          () -> assertEquals(true, om.get("up"), "OpenMetrics target: " + om.get("lastError")),
          () -> assertEquals(3, om.get("samples")),
          () -> assertNull(om.get("lastError")),
          () -> assertEquals(true, text.get("up")),
          () -> assertEquals(1, text.get("samples")),
          () -> assertEquals(false, wide.get("up")),
          () -> assertTrue(String.valueOf(wide.get("lastError")).contains("more than " + FormatsSimulator.LABEL_LIMIT + " labels (limit)"),
              String.valueOf(wide.get("lastError"))),
          () -> assertEquals(false, many.get("up")),
          () -> assertTrue(String.valueOf(many.get("lastError")).contains("collector.limits.series-per-target"), String.valueOf(many.get("lastError"))),
          () -> assertEquals(true, gz.get("up"), "gzip body: " + gz.get("lastError")),
          () -> assertEquals(2, gz.get("samples")),
          () -> assertTrue(FormatsSimulator.ACCEPT_ENCODING.get("gz").contains("gzip"), FormatsSimulator.ACCEPT_ENCODING.get("gz")),
          () -> assertEquals(false, broken.get("up")),
          () -> assertTrue(String.valueOf(broken.get("lastError")).contains("missing # EOF"), String.valueOf(broken.get("lastError"))));
    });
  }

  @Test
  void scrapesPreferOpenMetricsAndAcceptTheTextFormat() {
    await().atMost(Duration.ofSeconds(20)).until(() -> FormatsSimulator.ACCEPT.containsKey("text"));
    String accept = FormatsSimulator.ACCEPT.get("text");
    assertTrue(accept.startsWith("application/openmetrics-text;version=1.0.0"), accept);
    assertTrue(accept.contains("text/plain;version=0.0.4"), accept);
  }

  private static Map<String, Object> target(List<Map<String, Object>> targets, String replica) {
    return targets.stream().filter(t -> replica.equals(t.get("replica"))).findFirst().orElseThrow(() -> new AssertionError("no " + replica));
  }
}
