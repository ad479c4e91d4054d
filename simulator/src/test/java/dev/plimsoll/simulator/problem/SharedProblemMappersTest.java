package dev.plimsoll.simulator.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quarkus REST uses the shared providers of plimsoll-web-problems (no mapper of the simulator covers these cases): a
 * failure nobody maps is a 500 problem without its message, also where the endpoint produces text, and a wrong method
 * is a 405 problem.
 */
@QuarkusTest
class SharedProblemMappersTest {

  /** Endpoints that exist only in the test build, to fail on purpose. */
  @Path("/test-only/failures")
  public static class FailingResource {
    @GET
    @Path("/unchecked")
    public String unchecked() {
      throw new IllegalStateException("secret internals");
    }

    @GET
    @Path("/checked")
    public String checked() throws Exception {
      throw new Exception("secret internals");
    }

    @GET
    @Path("/text")
    @Produces(MediaType.TEXT_PLAIN)
    public String text() {
      throw new IllegalStateException("secret internals");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      /test-only/failures/unchecked
      /test-only/failures/checked
      /test-only/failures/text
      """)
  void anUnmappedFailureIsAn500ProblemWithoutItsMessage(String path) {
    given().get(path).then()
        .statusCode(500)
        .contentType("application/problem+json")
        .body("type", equalTo("https://plimsoll.dev/problems/internal"))
        .body("status", equalTo(500))
        .body("instance", equalTo(path))
        .body(not(containsString("secret")))
        .body(not(containsString("Exception")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      /fleets/chat/replicas/chat-0/metrics
      /api/v1/fleets/chat/scale
      """)
  void aWrongMethodIsA405Problem(String path) {
    given().delete(path).then()
        .statusCode(405)
        .contentType("application/problem+json")
        .body("type", equalTo("https://plimsoll.dev/problems/method-not-allowed"))
        .body("title", equalTo("Method Not Allowed"))
        .body("instance", equalTo(path));
  }
}
