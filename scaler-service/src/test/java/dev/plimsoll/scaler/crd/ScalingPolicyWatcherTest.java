package dev.plimsoll.scaler.crd;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.scaler.support.FakeSimulatorResource;
import dev.plimsoll.scaler.support.KubernetesFixtures;
import dev.plimsoll.scaler.support.TestSnapshotPublisher;
import dev.plimsoll.scaler.support.KubernetesProfile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ScalingPolicy resources against the mock API server (CRUD mode) with the CRD from deploy/: each becomes a
 * policy, its verdict and every decision are written back to its status, its changes and deletion follow, and
 * an invalid, unknown or conflicting one says why in its Ready condition.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(KubernetesProfile.class)
class ScalingPolicyWatcherTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject
  KubernetesClient client;

  @Inject
  ScalingPolicyWatcher watcher;

  @Inject
  TestSnapshotPublisher publisher;

  @BeforeEach
  void crdInstalled() throws Exception {
    try (FileInputStream crd = new FileInputStream(Path.of("../deploy/k8s/base/scalingpolicy-crd.yaml").toFile())) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).createOr(existing -> existing.update());
    }
    await().atMost(WAIT).until(watcher::synced);
  }

  private void deployment(String ns, String name, int replicas) {
    KubernetesFixtures.deployment(client, ns, name, replicas);
  }

  private GenericKubernetesResource policy(String ns, String name, Map<String, Object> spec) {
    return client.genericKubernetesResources(ScalingPolicies.CONTEXT).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("plimsoll.dev/v1alpha1").withKind("ScalingPolicy").withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .addToAdditionalProperties("spec", spec).build()).create();
  }

  private static Map<String, Object> spec(String target, int max) {
    return Map.of("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", target), "maxReplicas", max,
        "metrics", List.of(Map.of("type", "External", "external", Map.of("metric", Map.of("name", "queue_depth"),
            "target", Map.of("type", "AverageValue", "averageValue", "5")))));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> condition(String ns, String name, String type) {
    GenericKubernetesResource r = client.genericKubernetesResources(ScalingPolicies.CONTEXT).inNamespace(ns).withName(name).get();
    Object status = r == null ? null : r.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> list)) {
      return Map.of();
    }
    return list.stream().map(c -> (Map<String, Object>) c).filter(c -> type.equals(c.get("type"))).findFirst().orElse(Map.of());
  }

  @SuppressWarnings("unchecked")
  private Object status(String ns, String name, String field) {
    GenericKubernetesResource r = client.genericKubernetesResources(ScalingPolicies.CONTEXT).inNamespace(ns).withName(name).get();
    return r.getAdditionalProperties().get("status") instanceof Map<?, ?> s ? ((Map<String, Object>) s).get(field) : null;
  }

  @Test
  void aResourceBecomesAPolicyThatScalesAndReportsInItsStatus() {
    deployment("crd", "vllm", 2);
    policy("crd", "vllm-policy", spec("vllm", 6));
    String workload = "kubernetes/crd/Deployment/vllm";

    await().atMost(WAIT).until(() -> "True".equals(condition("crd", "vllm-policy", "Ready").get("status")));
    assertEquals("Accepted", condition("crd", "vllm-policy", "Ready").get("reason"));
    assertEquals(workload, status("crd", "vllm-policy", "workload"));
    long id = ((Number) status("crd", "vllm-policy", "policyId")).longValue();
    given().get("/api/v1/policies/" + id).then().statusCode(200)
        .body("workload", equalTo(workload))
        .body("source", equalTo("kubernetes"))
        .body("resource", equalTo("crd/vllm-policy"))
        .body("metrics[0].external.metric.name", equalTo("queue_depth"));

    // The resource owns it: the REST API may read it but not change it.
    given().contentType(ContentType.JSON).body("""
        {"workload":"%s","maxReplicas":3,"version":0,"metrics":[{"signal":"queue_depth","target":{"type":"Value","value":1}}]}
        """.formatted(workload)).put("/api/v1/policies/" + id).then().statusCode(409)
        .body("type", equalTo("https://plimsoll.dev/problems/owned-by-resource"))
        .body("detail", containsString("crd/vllm-policy"));
    given().delete("/api/v1/policies/" + id).then().statusCode(409);

    // A snapshot: 22 waiting at 2 replicas → 5; the Deployment is scaled and the status says so.
    publisher.publish(workload, """
        {"schema":1,"workload":"%s","observedAt":"%s","targets":2,"targetsUp":2,
         "signals":{"queue_depth":{"value":22.0,"observedAt":"%2$s","stale":false}}}""".formatted(workload, Instant.now()));
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace("crd").withName("vllm").get().getSpec().getReplicas() == 5);
    await().atMost(WAIT).until(() -> Integer.valueOf(5).equals(status("crd", "vllm-policy", "desiredReplicas")));
    assertEquals("SucceededRescale", condition("crd", "vllm-policy", "AbleToScale").get("reason"));
    assertEquals("True", condition("crd", "vllm-policy", "ScalingActive").get("status"));
    assertEquals("False", condition("crd", "vllm-policy", "ScalingLimited").get("status"));
    assertTrue(status("crd", "vllm-policy", "lastScaleTime") != null);
    assertEquals("True", condition("crd", "vllm-policy", "Ready").get("status"), "the verdict is kept beside the decision's conditions");

    // A changed spec is a new version of the same policy.
    client.genericKubernetesResources(ScalingPolicies.CONTEXT).inNamespace("crd").withName("vllm-policy").edit(r -> {
      r.setAdditionalProperty("spec", spec("vllm", 9));
      return r;
    });
    await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/policies/" + id).then().statusCode(200).body("maxReplicas", equalTo(9))
        .body("version", equalTo(1)));

    // Deleting the resource deletes the policy.
    client.genericKubernetesResources(ScalingPolicies.CONTEXT).inNamespace("crd").withName("vllm-policy").delete();
    await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/policies/" + id).then().statusCode(404));
    given().get("/api/v1/policies/" + id + "/revisions").then().statusCode(200).body("change", hasItem("deleted"));
  }

  @Test
  void anInvalidSpecSaysEveryReasonInItsReadyCondition() {
    deployment("bad", "vllm", 1);
    policy("bad", "typo", Map.of("scaleTargetRef", Map.of("kind", "Deployment", "name", "vllm"), "maxReplicas", 2, "minReplicas", 3,
        "metrics", List.of(Map.of("signal", "queue_depth", "target", Map.of("type", "Sometimes")))));
    await().atMost(WAIT).until(() -> "False".equals(condition("bad", "typo", "Ready").get("status")));
    assertEquals("InvalidSpec", condition("bad", "typo", "Ready").get("reason"));
    String message = (String) condition("bad", "typo", "Ready").get("message");
    assertTrue(message.contains("spec.maxReplicas: must be at least 1 and at least minReplicas (3)"), message);
    assertTrue(message.contains("spec.metrics[0].target.type: must be Value, AverageValue or Utilization"), message);

    policy("bad", "misspelt", Map.of("scaleTargetRef", Map.of("kind", "Deployment", "name", "vllm"), "maxReplicas", 2,
        "metrics", List.of(Map.of("signal", "queue_depth", "target", Map.of("type", "Value", "value", 1))), "behaviour", Map.of()));
    await().atMost(WAIT).until(() -> "InvalidSpec".equals(condition("bad", "misspelt", "Ready").get("reason")));
    assertEquals("spec.behaviour: is not a known field", condition("bad", "misspelt", "Ready").get("message"));
    given().get("/api/v1/policies").then().statusCode(200).body("workload", not(hasItem("kubernetes/bad/Deployment/vllm")));
  }

  @Test
  void anUnknownOrAlreadyScaledWorkloadIsRefusedWithTheReason() {
    policy("ghost", "nobody", spec("not-there", 4));
    await().atMost(WAIT).until(() -> "UnknownWorkload".equals(condition("ghost", "nobody", "Ready").get("reason")));
    assertTrue(((String) condition("ghost", "nobody", "Ready").get("message")).contains("does not exist"));

    deployment("twice", "api", 1);
    given().contentType(ContentType.JSON).body("""
        {"workload":"kubernetes/twice/Deployment/api","maxReplicas":4,"metrics":[{"signal":"queue_depth","target":{"type":"Value","value":1}}]}
        """).post("/api/v1/policies").then().statusCode(201);
    policy("twice", "second", spec("api", 4));
    await().atMost(WAIT).until(() -> "Conflict".equals(condition("twice", "second", "Ready").get("reason")));
    assertTrue(((String) condition("twice", "second", "Ready").get("message")).contains("already has a policy"));
  }
}
