package dev.plimsoll.collector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes pod discovery through the Quarkus Kubernetes client against the mock API server (CRUD
 * mode, real watches): an annotated pod of a Deployment's ReplicaSet is discovered with its workload,
 * scraped (its podIP is this machine), and dropped when deleted.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(KubernetesDiscoveryTest.Profile.class)
class KubernetesDiscoveryTest {
  static final String WORKLOAD = "kubernetes/llm/Deployment/vllm";
  static Vertx vertx;
  static int port;

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("collector.simulator.enabled", "false", "collector.discovery.kubernetes.enabled", "true",
          "collector.discovery.kubernetes.namespaces", "llm", "collector.discovery.refresh-interval", "1s");
    }
  }

  @Inject
  KubernetesClient client;

  @BeforeAll
  static void exporter() throws Exception {
    vertx = Vertx.vertx();
    port = vertx.createHttpServer().requestHandler(r -> r.response().end("vllm:num_requests_waiting{model_name=\"m\"} 6\n"))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void annotatedPodsAreDiscoveredScrapedAndDropped() {
    var rs = client.apps().replicaSets().inNamespace("llm").resource(new ReplicaSetBuilder()
        .withNewMetadata().withName("vllm-7d9f").withNamespace("llm")
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment").withName("vllm").withUid("d1")
            .withController(true).build())
        .endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
    Pod pod = client.pods().inNamespace("llm").resource(new PodBuilder()
        .withNewMetadata().withName("vllm-7d9f-abcde").withNamespace("llm")
        .withAnnotations(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", Integer.toString(port)))
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet").withName(rs.getMetadata().getName())
            .withUid("r1").withController(true).build())
        .endMetadata()
        .withNewSpec().withNodeName("gpu-node-1").addNewContainer().withName("vllm").withImage("vllm").endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP("127.0.0.1")
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    String url = "http://127.0.0.1:" + port + "/metrics";

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/targets").then().statusCode(200)
        .body("find { it.url == '%s' }.workload".formatted(url), equalTo(WORKLOAD))
        .body("find { it.url == '%s' }.up".formatted(url), equalTo(true)));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("query", "vllm:num_requests_waiting")
        .get("/api/v1/query").then().statusCode(200)
        .body("data.result[0].metric.namespace", equalTo("llm"))
        .body("data.result[0].metric.pod", equalTo("vllm-7d9f-abcde"))
        .body("data.result[0].metric.node", equalTo("gpu-node-1")));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().queryParam("workload", WORKLOAD).get("/api/v1/snapshots")
        .then().statusCode(200).body("[0].signals.queue_depth.value", equalTo(6.0f)));
    given().get("/q/health/ready").then().body("checks.find { it.name == 'target-discovery' }.data.sources",
        org.hamcrest.Matchers.containsString("kubernetes (pods in namespaces llm)"));

    client.pods().inNamespace("llm").withName(pod.getMetadata().getName()).delete();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/targets").then().statusCode(200)
        .body("url", not(hasItem(url))));
  }
}
