package dev.plimsoll.gpu.source;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.gpu.FakeSimulator;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GPU service on Kubernetes (mock API server, CRUD mode): nodes with the real H100 label set and device-plugin
 * resources (whole GPUs, MIG mixed, time-sliced), GPU pods bound and pending, a vLLM Deployment; the inventory,
 * allocations, placements and headroom the service answers from its informers.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(FakeSimulator.class)
@TestProfile(KubernetesClusterTest.Profile.class)
class KubernetesClusterTest {

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("gpu.kubernetes.enabled", "true");
    }
  }

  @Inject
  KubernetesClient client;

  @Inject
  KubernetesCluster cluster;

  private static boolean created;

  static Map<String, String> h100Labels() throws Exception {
    try (InputStream in = KubernetesClusterTest.class.getResourceAsStream("/fixtures/gpu-nodes/gfd-node-labels-h100-mig-single-all-disabled.json")) {
      Map<String, String> labels = new HashMap<>(new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() {}));
      labels.put("nvidia.com/gpu.count", "8");
      return labels;
    }
  }

  private void node(String name, Map<String, String> labels, Map<String, String> resources, boolean ready) {
    Map<String, Quantity> q = new HashMap<>();
    resources.forEach((k, v) -> q.put(k, new Quantity(v)));
    q.put("cpu", new Quantity("96"));
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewStatus().withCapacity(q).withAllocatable(q).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
        .endCondition().endStatus().build()).create();
  }

  private void pod(String ns, String name, String node, String phase, String resource, int units, String replicaSet, String hash) {
    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .addToLabels("pod-template-hash", hash).addNewOwnerReference().withKind("ReplicaSet").withName(replicaSet).withController(true)
        .withApiVersion("apps/v1").withUid("u-" + name).endOwnerReference().endMetadata()
        .withNewSpec().withNodeName(node).addToContainers(new ContainerBuilder().withName("vllm").withImage("vllm")
            .withNewResources().addToLimits(resource, new Quantity(String.valueOf(units))).endResources().build()).endSpec()
        .withNewStatus().withPhase(phase).endStatus().build()).create();
  }

  @BeforeEach
  void cluster() throws Exception {
    if (!created) {
      created = true;
      node("h100-a", h100Labels(), Map.of("nvidia.com/gpu", "8"), true);
      node("h100-b", h100Labels(), Map.of("nvidia.com/gpu", "8"), true);
      node("h100-down", h100Labels(), Map.of("nvidia.com/gpu", "8"), false);
      node("mixed", Map.of("nvidia.com/mig.strategy", "mixed", "nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3", "nvidia.com/gpu.count", "1",
          "nvidia.com/mig-1g.10gb.count", "2", "nvidia.com/mig-1g.10gb.memory", "9856"),
          Map.of("nvidia.com/mig-1g.10gb", "2", "nvidia.com/mig-3g.40gb", "1", "nvidia.com/mig-1g.5gb+me", "1"), true);
      node("t4", Map.of("nvidia.com/gpu.product", "Tesla-T4-SHARED", "nvidia.com/gpu.count", "4", "nvidia.com/gpu.replicas", "4",
          "nvidia.com/gpu.memory", "15360"), Map.of("nvidia.com/gpu", "16"), true);
      node("cpu", Map.of(), Map.of(), true);
      pod("llm", "vllm-5c8d7-a", "h100-a", "Running", "nvidia.com/gpu", 2, "vllm-5c8d7", "5c8d7");
      pod("llm", "vllm-5c8d7-b", "h100-a", "Running", "nvidia.com/gpu", 2, "vllm-5c8d7", "5c8d7");
      pod("llm", "vllm-5c8d7-c", "h100-a", "Running", "nvidia.com/gpu", 2, "vllm-5c8d7", "5c8d7");
      pod("llm", "vllm-5c8d7-d", null, "Pending", "nvidia.com/gpu", 2, "vllm-5c8d7", "5c8d7");
      pod("rag", "embed-77f-a", "mixed", "Running", "nvidia.com/mig-1g.10gb", 1, "embed-77f", "77f");
      pod("rag", "old-job", "h100-b", "Succeeded", "nvidia.com/gpu", 8, "job-1", "x");
      client.apps().deployments().inNamespace("llm").resource(new DeploymentBuilder().withNewMetadata().withName("vllm").withNamespace("llm")
          .endMetadata().withNewSpec().withReplicas(4).withNewSelector().addToMatchLabels("app", "vllm").endSelector().withNewTemplate()
          .withNewMetadata().addToLabels("app", "vllm").endMetadata().withNewSpec().addToNodeSelector("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3")
          .addToContainers(new ContainerBuilder().withName("vllm").withImage("vllm").withNewResources()
              .addToLimits("nvidia.com/gpu", new Quantity("2")).endResources().build()).endSpec().endTemplate().endSpec().build()).create();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.synced() && cluster.snapshot().pods().size() == 6
        && cluster.snapshot().nodes().size() == 5);
  }

  @Test
  void nodesAndPodsAreReadFromTheCluster() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/inventory").then().statusCode(200)
        .body("source", equalTo("kubernetes"))
        .body("nodes", equalTo(5))
        .body("gpus", equalTo(8 + 8 + 8 + 1 + 4)));
    given().get("/api/v1/nodes").then().statusCode(200)
        .body("find { it.name == 'h100-a' }.labels.family", equalTo("hopper"))
        .body("find { it.name == 'h100-a' }.labels.driverVersion", equalTo("550.54.15"))
        .body("find { it.name == 'h100-a' }.resources.'nvidia.com/gpu'.free", equalTo(2))
        .body("find { it.name == 'mixed' }.labels.migStrategy", equalTo("mixed"))
        .body("find { it.name == 'mixed' }.labels.migTypes.'1g.10gb'.memoryMiB", equalTo(9856))
        .body("find { it.name == 'mixed' }.unknownResources", contains("nvidia.com/mig-1g.5gb+me"))
        .body("find { it.name == 't4' }.labels.shared", equalTo(true))
        .body("find { it.name == 'h100-down' }.ready", equalTo(false));
    given().get("/api/v1/allocations").then().statusCode(200)
        .body("pods.name", hasItem("vllm-5c8d7-d"))
        .body("pods.find { it.name == 'vllm-5c8d7-a' }.owner", equalTo("Deployment/vllm"))
        .body("pods.find { it.name == 'vllm-5c8d7-d' }.node", org.hamcrest.Matchers.nullValue())
        .body("allocatedByNode.'h100-a'.'nvidia.com/gpu'", equalTo(6))
        .body("allocatedByNode.mixed.'nvidia.com/mig-1g.10gb'", equalTo(1))
        .body("allocatedByNode", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("h100-b"))); // the finished job holds nothing
    given().contentType("application/json").body("{\"count\": 2, \"kind\": \"full\", \"minMemoryMiB\": 80000}")
        .post("/api/v1/placements").then().statusCode(200)
        .body("source", equalTo("kubernetes"))
        .body("feasible.node", contains("h100-a", "h100-b"))
        .body("replicasThatFit", equalTo(1 + 4))
        .body("infeasible.find { it.node == 'h100-down' }.reason", equalTo("node is not Ready"))
        .body("infeasible.find { it.node == 't4' }.reason", startsWith("no whole GPU"))
        .body("infeasible.find { it.node == 'mixed' }.reason", containsString("nvidia.com/mig-1g.10gb=2"));
    given().contentType("application/json").body("{\"kind\": \"mig\", \"migProfile\": \"1g.10gb\"}")
        .post("/api/v1/placements").then().statusCode(200)
        .body("feasible.node", contains("mixed"))
        .body("feasible[0].free", equalTo(1));
    given().contentType("application/json").body("{\"kind\": \"mig\", \"migProfile\": \"2g.20gb\"}")
        .post("/api/v1/placements").then().statusCode(200)
        .body("feasible.size()", equalTo(0));
    given().contentType("application/json").body("{\"kind\": \"mig\", \"migProfile\": \"1g.5gb+me\"}")
        .post("/api/v1/placements").then().statusCode(400)
        .body("errors[0].message", containsString("this cluster has 1g.10gb, 3g.40gb"));
    given().contentType("application/json").body("{\"kind\": \"shared\"}")
        .post("/api/v1/placements").then().statusCode(200)
        .body("feasible.node", contains("t4"))
        .body("replicasThatFit", equalTo(16));
  }

  @Test
  void headroomReadsTheWorkloadsPodTemplate() {
    // 2 GPUs a replica on H100s (its node selector): h100-a has 2 free, h100-b 8, the down node counts for nothing.
    given().queryParam("workload", "kubernetes/llm/Deployment/vllm").get("/api/v1/headroom").then().statusCode(200)
        .body("resource", equalTo("nvidia.com/gpu"))
        .body("count", equalTo(2))
        .body("products", contains("NVIDIA-H100-80GB-HBM3"))
        .body("replicasThatFit", equalTo(1 + 4));
    given().queryParam("workload", "kubernetes/llm/Deployment/nope").get("/api/v1/headroom").then().statusCode(404)
        .body("detail", equalTo("kubernetes/llm/Deployment/nope does not exist"));
  }

  private static final String GPU_POD = """
      {"metadata": {"name": "vllm-x", "namespace": "llm"},
       "spec": {"containers": [{"name": "vllm", "image": "vllm", "resources": {"limits": {"nvidia.com/gpu": "2"}}}]}}""";

  @Test
  void theSchedulerExtenderFiltersAndPrioritizesByFreeGpus() {
    // nodeCacheCapable: names only, the nodes come from the service's own informers.
    given().contentType("application/json").body("""
        {"Pod": %s, "NodeNames": ["h100-a", "h100-b", "h100-down", "mixed", "t4", "cpu", "ghost"]}""".formatted(GPU_POD))
        .post("/api/v1/extender/filter").then().statusCode(200)
        .body("NodeNames", contains("h100-a", "h100-b", "t4"))
        .body("FailedAndUnresolvableNodes.h100-down", equalTo("node is not Ready"))
        .body("FailedAndUnresolvableNodes.mixed", startsWith("no nvidia.com/gpu on this node"))
        .body("FailedAndUnresolvableNodes.ghost", equalTo("node ghost is unknown to the Plimsoll GPU service"))
        .body("Error", equalTo(""));
    // A pod wanting 4: h100-a has 2 free (preemption could help: FailedNodes), h100-b 8.
    given().contentType("application/json").body("""
        {"Pod": %s, "NodeNames": ["h100-a", "h100-b"]}""".formatted(GPU_POD.replace("\"2\"", "\"4\"")))
        .post("/api/v1/extender/filter").then().statusCode(200)
        .body("NodeNames", contains("h100-b"))
        .body("FailedNodes.h100-a", equalTo("2 of 8 nvidia.com/gpu free, 4 needed"));
    // Whole nodes in the request (not cache-capable), field names in any case: the passing ones come back whole.
    given().contentType("application/json").body("""
        {"pod": %s, "nodes": {"items": [
          {"metadata": {"name": "fresh"}, "status": {"allocatable": {"nvidia.com/gpu": "4"}, "conditions": [{"type": "Ready", "status": "True"}]}},
          {"metadata": {"name": "small"}, "status": {"allocatable": {"nvidia.com/gpu": "1"}, "conditions": [{"type": "Ready", "status": "True"}]}}]}}
        """.formatted(GPU_POD))
        .post("/api/v1/extender/filter").then().statusCode(200)
        .body("Nodes.items.metadata.name", contains("fresh"))
        .body("NodeNames", org.hamcrest.Matchers.nullValue())
        .body("FailedNodes.small", equalTo("1 of 1 nvidia.com/gpu free, 2 needed"));
    // Pack: h100-a would be left full (10), h100-b with 6 of 8 free (3); the down node scores 0.
    given().contentType("application/json").body("""
        {"Pod": %s, "NodeNames": ["h100-a", "h100-b", "h100-down"]}""".formatted(GPU_POD))
        .post("/api/v1/extender/prioritize").then().statusCode(200)
        .body("Host", contains("h100-a", "h100-b", "h100-down"))
        .body("Score", contains(10, 3, 0));
    // A pod without GPUs passes everywhere, known or not.
    given().contentType("application/json").body("""
        {"Pod": {"metadata": {"name": "web"}, "spec": {"containers": [{"name": "web", "image": "nginx"}]}}, "NodeNames": ["cpu", "elsewhere"]}""")
        .post("/api/v1/extender/filter").then().statusCode(200)
        .body("NodeNames", contains("cpu", "elsewhere"));
  }

  @Test
  void aMalformedExtenderRequestIsA400WithItsReason() {
    given().contentType("application/json").body("{\"Pod\": ").post("/api/v1/extender/filter").then().statusCode(400)
        .body(containsString("malformed extender request"));
    given().contentType("application/json").body("{\"NodeNames\": [\"a\"]}").post("/api/v1/extender/filter").then().statusCode(400)
        .body(containsString("Pod (with its spec) is required"));
    given().contentType("application/json").body("{\"Pod\": %s}".formatted(GPU_POD)).post("/api/v1/extender/prioritize").then().statusCode(400)
        .body(containsString("Nodes or NodeNames is required"));
  }
}
