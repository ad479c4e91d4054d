package dev.plimsoll.kubernetes;

import static dev.plimsoll.kubernetes.TestPods.controller;
import static dev.plimsoll.kubernetes.TestPods.notReady;
import static dev.plimsoll.kubernetes.TestPods.scrapeable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.kubernetes.SkippedPod.Reason;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the fabric8 mock API server in CRUD mode, which stores what is created and serves list and watch like a
 * real API server (no controllers run: the test creates ReplicaSets and pods itself).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPodDiscoveryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesPodDiscovery discovery;

  @AfterEach
  void closeDiscovery() {
    if (discovery != null) {
      discovery.close();
    }
  }

  @Test
  void discoversTargetsAndFollowsPodChangesThroughWatches() {
    // given: a Deployment -> ReplicaSet -> pods chain, a StatefulSet pod, a bare pod, an annotated pod that is not
    // Ready, and a pod without the scrape annotation
    Deployment deployment = client.apps().deployments().inNamespace("llm").resource(new DeploymentBuilder()
        .withNewMetadata().withName("vllm-llama").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "vllm-llama").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "vllm-llama").endMetadata()
            .withNewSpec().addNewContainer().withName("app").withImage("vllm/vllm-openai").endContainer().endSpec()
          .endTemplate()
        .endSpec().build()).create();
    ReplicaSet replicaSet = client.apps().replicaSets().inNamespace("llm")
        .resource(TestPods.replicaSet("llm", "vllm-llama-6d4cf56db6", ownerRef(deployment))).create();
    OwnerReference byReplicaSet = ownerRef(replicaSet);
    createPod(scrapeable("llm", "vllm-llama-6d4cf56db6-a").editMetadata().addToOwnerReferences(byReplicaSet).endMetadata()
        .editStatus().withPodIP("10.0.0.11").endStatus().build());
    createPod(scrapeable("llm", "vllm-llama-6d4cf56db6-b").editMetadata().addToOwnerReferences(byReplicaSet).endMetadata()
        .editStatus().withPodIP("10.0.0.12").endStatus().build());
    createPod(notReady(scrapeable("llm", "vllm-llama-6d4cf56db6-c").editMetadata().addToOwnerReferences(byReplicaSet).endMetadata()
        .editStatus().withPodIP("10.0.0.13").endStatus()).build());
    createPod(scrapeable("llm", "tgi-0").editMetadata().addToOwnerReferences(controller("apps/v1", "StatefulSet", "tgi")).endMetadata()
        .editStatus().withPodIP("10.0.0.21").endStatus().build());
    createPod(scrapeable("batch", "debug").editStatus().withPodIP("10.0.1.5").endStatus().build());
    createPod(scrapeable("llm", "redis").editMetadata().withAnnotations(Map.of()).endMetadata().build());

    // when
    discovery = new KubernetesPodDiscovery(client, List.of(), null, Duration.ofSeconds(5));
    AtomicInteger notified = new AtomicInteger();
    discovery.addListener(notified::incrementAndGet);
    discovery.start();

    // then
    assertTrue(discovery.isWatching());
    assertTrue(discovery.lastError().isEmpty());
    PodDiscoverySnapshot first = discovery.current();
    assertEquals(Set.of(
        "http://10.0.0.11:8000/metrics", "http://10.0.0.12:8000/metrics", "http://10.0.0.21:8000/metrics", "http://10.0.1.5:8000/metrics"),
        urls(first));
    assertEquals(Map.of(
        WorkloadId.parse("kubernetes/llm/Deployment/vllm-llama"), 2,
        WorkloadId.parse("kubernetes/llm/StatefulSet/tgi"), 1,
        WorkloadId.parse("kubernetes/batch/Pod/debug"), 1), first.workloads());
    assertEquals(List.of(Reason.NOT_READY), first.skipped().stream().map(SkippedPod::reason).toList());
    assertEquals("vllm-llama-6d4cf56db6-c", first.skipped().get(0).pod());
    assertEquals(1, notified.get(), "listeners get the first snapshot");

    // when the not-ready pod becomes Ready, it appears
    Pod pending = client.pods().inNamespace("llm").withName("vllm-llama-6d4cf56db6-c").get();
    pending.getStatus().setConditions(List.of(ready()));
    client.pods().inNamespace("llm").resource(pending).updateStatus();
    PodDiscoverySnapshot afterReady = awaitSnapshot(s -> urls(s).contains("http://10.0.0.13:8000/metrics"));
    assertEquals(3, afterReady.workloads().get(WorkloadId.parse("kubernetes/llm/Deployment/vllm-llama")));
    assertTrue(afterReady.skipped().isEmpty());

    // when a pod is deleted, it disappears
    client.pods().inNamespace("llm").withName("vllm-llama-6d4cf56db6-a").delete();
    PodDiscoverySnapshot afterDelete = awaitSnapshot(s -> !urls(s).contains("http://10.0.0.11:8000/metrics"));
    assertEquals(2, afterDelete.workloads().get(WorkloadId.parse("kubernetes/llm/Deployment/vllm-llama")));

    // when a pod is added, it appears
    createPod(scrapeable("llm", "tgi-1").editMetadata().addToOwnerReferences(controller("apps/v1", "StatefulSet", "tgi")).endMetadata()
        .editStatus().withPodIP("fd00::22").endStatus().build());
    PodDiscoverySnapshot afterAdd = awaitSnapshot(s -> urls(s).contains("http://[fd00::22]:8000/metrics"));
    assertEquals(2, afterAdd.workloads().get(WorkloadId.parse("kubernetes/llm/StatefulSet/tgi")));
    assertTrue(notified.get() >= 4, "a listener call per change, got " + notified.get());
    assertTrue(discovery.isWatching());
  }

  @Test
  void watchesOnlyTheGivenNamespacesAndPodsMatchingTheSelector() {
    createPod(scrapeable("llm", "in-scope").editMetadata().addToLabels("tier", "inference").endMetadata().build());
    createPod(scrapeable("llm", "other-tier").editMetadata().addToLabels("tier", "batch").endMetadata().build());
    createPod(scrapeable("batch", "other-namespace").editMetadata().addToLabels("tier", "inference").endMetadata().build());

    discovery = new KubernetesPodDiscovery(client, List.of("llm"), "tier=inference", Duration.ofSeconds(5));
    discovery.start();
    assertEquals(List.of("in-scope"), discovery.current().targets().stream().map(ScrapeTarget::replica).toList());

    createPod(scrapeable("llm", "in-scope-2").editMetadata().addToLabels("tier", "inference").endMetadata().build());
    createPod(scrapeable("batch", "other-namespace-2").editMetadata().addToLabels("tier", "inference").endMetadata().build());
    PodDiscoverySnapshot later = awaitSnapshot(s -> s.targets().size() >= 2);
    assertEquals(List.of("in-scope", "in-scope-2"), later.targets().stream().map(ScrapeTarget::replica).toList());
  }

  @Test
  void closeStopsWatching() {
    discovery = new KubernetesPodDiscovery(client, List.of("llm"), null, Duration.ofSeconds(5));
    discovery.start();
    discovery.start(); // idempotent
    assertTrue(discovery.isWatching());
    assertEquals(PodDiscoverySnapshot.empty(), discovery.current());

    discovery.close();
    assertFalse(discovery.isWatching());
    discovery.close(); // idempotent
  }

  @Test
  void reportsNotWatchingWhenTheApiServerGoesAway() {
    discovery = new KubernetesPodDiscovery(client, List.of("llm"), null, Duration.ofSeconds(5));
    discovery.start();
    assertTrue(discovery.isWatching());

    server.destroy(); // watches drop; the informers keep retrying in the background

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (discovery.isWatching() && System.nanoTime() < deadline) {
      sleep(50);
    }
    assertFalse(discovery.isWatching(), "readiness follows the watches");
  }

  private void createPod(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    Pod created = client.pods().inNamespace(namespace).resource(pod).create();
    if (!Objects.equals(created.getStatus(), pod.getStatus())) { // a real API server ignores status on create
      created.setStatus(pod.getStatus());
      client.pods().inNamespace(namespace).resource(created).updateStatus();
    }
  }

  private PodDiscoverySnapshot awaitSnapshot(Predicate<PodDiscoverySnapshot> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      PodDiscoverySnapshot s = discovery.current();
      if (condition.test(s)) {
        return s;
      }
      sleep(50);
    }
    throw new AssertionError("snapshot did not change as expected within " + WAIT + "; last: " + discovery.current());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Set<String> urls(PodDiscoverySnapshot snapshot) {
    return snapshot.targets().stream().map(ScrapeTarget::url).collect(Collectors.toSet());
  }

  private static PodCondition ready() {
    return new PodConditionBuilder().withType("Ready").withStatus("True").build();
  }

  private static OwnerReference ownerRef(io.fabric8.kubernetes.api.model.HasMetadata owner) {
    OwnerReference ref = controller(owner.getApiVersion(), owner.getKind(), owner.getMetadata().getName());
    if (owner.getMetadata().getUid() != null) {
      ref.setUid(owner.getMetadata().getUid());
    }
    return ref;
  }
}
