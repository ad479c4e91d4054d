package dev.plimsoll.scaler.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The scaler with Kubernetes actuation and ScalingPolicy resources on (tests with the mock API server), and, as in a
 * cluster (deploy/k8s/base/config.yaml), no simulator.
 */
public class KubernetesProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("scaler.kubernetes.enabled", "true", "scaler.kubernetes.policies", "true", "scaler.kubernetes.status-interval", "1s",
        "scaler.simulator.enabled", "false", "quarkus.rest-client.simulator.url", "http://127.0.0.1:1");
  }
}
