package dev.plimsoll.gpu.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.plimsoll.gpu.FakeSimulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API server unreachable when the service starts: the informers cannot start and are not started again, so
 * liveness goes down (the kubelet's restart is the retry) instead of the service staying not ready for good.
 */
@QuarkusTest
@WithTestResource(FakeSimulator.class)
@TestProfile(KubernetesUnreachableTest.Unreachable.class)
class KubernetesUnreachableTest {

  public static class Unreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("gpu.kubernetes.enabled", "true", "quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:1",
          "quarkus.kubernetes-client.request-retry-backoff-limit", "0");
    }
  }

  @Test
  void livenessIsDownNamingWhyTheInformersCouldNotStart() {
    given().get("/q/health/live").then().statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.find { it.name == 'kubernetes-informers' }.status", equalTo("DOWN"))
        .body("checks.find { it.name == 'kubernetes-informers' }.data.error", startsWith("cannot watch Kubernetes nodes and pods"));
    given().get("/q/health/ready").then().statusCode(503);
  }
}
