package dev.plimsoll.scaler.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.support.FakeSimulatorResource;
import dev.plimsoll.scaler.support.KubernetesFixtures;
import dev.plimsoll.scaler.support.KubernetesProfile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes actuator against the mock API server (CRUD mode): the /scale subresource of a
 * Deployment is read and set; a workload that an HPA or a KEDA ScaledObject already targets is refused,
 * naming it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(KubernetesProfile.class)
class KubernetesScaleTargetTest {

  @Inject
  KubernetesClient client;

  @Inject
  ScaleTargets targets;

  private void deployment(String ns, String name, int replicas) {
    KubernetesFixtures.deployment(client, ns, name, replicas);
  }

  @Test
  void readyWithoutASimulatorAsInACluster() {
    // no simulator listens (port 1): with scaler.simulator.enabled=false the scaler is ready all the same (it never was)
    io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'simulator actuator' }.data.enabled", org.hamcrest.Matchers.equalTo(false));
    assertTrue(targets.forWorkload(WorkloadId.parse("simulated/demo/Fleet/chat")).isEmpty(), "no simulator actuator");
  }

  @Test
  void readyIsTheWorkloadsReadyPodsNotEveryPod() {
    // 3 pods, 1 ready (2 still loading their model): the scale subresource's status.replicas says 3
    deployment("llm", "loading", 3);
    var d = client.apps().deployments().inNamespace("llm").withName("loading").get();
    d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(3).withReadyReplicas(1).build());
    client.apps().deployments().inNamespace("llm").resource(d).updateStatus();
    WorkloadId w = WorkloadId.parse("kubernetes/llm/Deployment/loading");
    var scale = targets.forWorkload(w).orElseThrow().read(w).await().atMost(Duration.ofSeconds(10));
    assertEquals(3, scale.replicas());
    assertEquals(1, scale.readyReplicas());
  }

  @Test
  void readsAndSetsTheScaleOfADeployment() {
    deployment("llm", "vllm", 2);
    WorkloadId w = WorkloadId.parse("kubernetes/llm/Deployment/vllm");
    ScaleTarget k8s = targets.forWorkload(w).orElseThrow();
    assertEquals(2, k8s.read(w).await().atMost(Duration.ofSeconds(10)).replicas());
    assertEquals(5, k8s.scale(w, 5).await().atMost(Duration.ofSeconds(10)).replicas());
    assertEquals(5, client.apps().deployments().inNamespace("llm").withName("vllm").get().getSpec().getReplicas());
  }

  @Test
  void refusesAWorkloadThatAnHpaAlreadyScales() {
    deployment("hpa", "api", 2);
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("hpa").resource(new HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withName("api-hpa").withNamespace("hpa").endMetadata()
        .withNewSpec().withMinReplicas(1).withMaxReplicas(5).withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
        .withName("api").endScaleTargetRef().endSpec().build()).create();
    WorkloadId w = WorkloadId.parse("kubernetes/hpa/Deployment/api");
    var e = assertThrows(ActuationException.class, () -> targets.forWorkload(w).orElseThrow().scale(w, 4).await().atMost(Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("HorizontalPodAutoscaler hpa/api-hpa"), e.getMessage());
    assertEquals(2, client.apps().deployments().inNamespace("hpa").withName("api").get().getSpec().getReplicas());
  }

  @Test
  void refusesAWorkloadThatAKedaScaledObjectAlreadyScales() {
    deployment("keda", "worker", 1);
    var context = new ResourceDefinitionContext.Builder().withGroup("keda.sh").withVersion("v1alpha1").withKind("ScaledObject")
        .withPlural("scaledobjects").withNamespaced(true).build();
    client.genericKubernetesResources(context).inNamespace("keda").resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("keda.sh/v1alpha1").withKind("ScaledObject").withNewMetadata().withName("worker-so").withNamespace("keda").endMetadata()
        .addToAdditionalProperties("spec", Map.of("scaleTargetRef", Map.of("name", "worker"))).build()).create();
    WorkloadId w = WorkloadId.parse("kubernetes/keda/Deployment/worker");
    var e = assertThrows(ActuationException.class, () -> targets.forWorkload(w).orElseThrow().scale(w, 3).await().atMost(Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("KEDA ScaledObject keda/worker-so"), e.getMessage());
  }

  @Test
  void anUnknownWorkloadIsNamed() {
    WorkloadId w = WorkloadId.parse("kubernetes/llm/Deployment/nope");
    var e = assertThrows(ActuationException.class, () -> targets.forWorkload(w).orElseThrow().read(w).await().atMost(Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }
}
