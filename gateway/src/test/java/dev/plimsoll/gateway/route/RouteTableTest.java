package dev.plimsoll.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.gateway.route.RouteTable.Resolution;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: routing is a pure function of the URI and the configured base URLs. */
class RouteTableTest {

  private final RouteTable table = new RouteTable(Map.of(
      "scaler", "http://127.0.0.1:8082",
      "cost", "http://cost:8084/"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # uri                                        | kind     | service | upstream or reason fragment
      /api/scaler/v1/policies                        | Routed   | scaler  | http://127.0.0.1:8082/api/v1/policies
      /api/scaler/v1/policies?workload=a/b/c/d&x=1   | Routed   | scaler  | http://127.0.0.1:8082/api/v1/policies?workload=a/b/c/d&x=1
      /api/scaler                                    | Routed   | scaler  | http://127.0.0.1:8082/api
      /api/scaler/                                   | Routed   | scaler  | http://127.0.0.1:8082/api/
      /api/cost/v1/costs                             | Routed   | cost    | http://cost:8084/api/v1/costs
      /api/scaler/v1/a%20b                           | Routed   | scaler  | http://127.0.0.1:8082/api/v1/a%20b
      /api/unknown/v1/x                              | NoRoute  |         | no service 'unknown'; known: cost, scaler
      /api/                                          | NoRoute  |         | no service named
      /apix/scaler/v1                                | NoRoute  |         | not under /api/
      /q/health                                      | NoRoute  |         | not under /api/
      /api/scaler/../q/metrics                       | Rejected |         | '..'
      /api/scaler/v1/%2e%2e/x                        | Rejected |         | '%2e%2e'
      /api/scaler/./v1                               | Rejected |         | '.'
      """)
  void resolves(String uri, String kind, String service, String expected) {
    Resolution resolution = table.resolve(uri);
    assertEquals(kind, resolution.getClass().getSimpleName(), resolution.toString());
    switch (resolution) {
      case Resolution.Routed routed -> {
        assertEquals(service, routed.service());
        assertEquals(expected, routed.upstreamUri());
      }
      case Resolution.NoRoute noRoute -> assertContains(noRoute.reason(), expected);
      case Resolution.Rejected rejected -> assertContains(rejected.reason(), expected);
    }
  }

  private static void assertContains(String actual, String fragment) {
    if (!actual.contains(fragment)) {
      throw new AssertionError("'" + actual + "' does not contain '" + fragment + "'");
    }
  }
}
