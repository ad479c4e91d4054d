package dev.plimsoll.kubernetes;

import static dev.plimsoll.kubernetes.TestPods.controller;
import static dev.plimsoll.kubernetes.TestPods.notReady;
import static dev.plimsoll.kubernetes.TestPods.replicaSet;
import static dev.plimsoll.kubernetes.TestPods.scrapeable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.kubernetes.PodTargetMapper.Outcome;
import dev.plimsoll.kubernetes.SkippedPod.Reason;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Plain JUnit on fabric8 model objects: the mapper does no I/O, so no API server is needed. */
class PodTargetMapperTest {

  /** One pod variation: a target at {@code url}, or skipped for {@code skip}, or (both null) not a candidate. */
  record TargetCase(String name, UnaryOperator<PodBuilder> pod, String url, Reason skip) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<TargetCase> targetCases() {
    return Stream.of(
        // pod variation                                                                     // expected
        new TargetCase("annotated ready pod, its only port", p -> p,                          "http://10.0.0.5:8000/metrics", null),
        new TargetCase("port annotation wins over the declared port", p -> annotate(p, PodAnnotations.PORT, "9090"),
            "http://10.0.0.5:9090/metrics", null),
        new TargetCase("port annotation naming a declared port", p -> annotate(p, PodAnnotations.PORT, "http"),
            "http://10.0.0.5:8000/metrics", null),
        new TargetCase("path and scheme annotations", p -> annotate(annotate(p, PodAnnotations.PATH, "/stats"), PodAnnotations.SCHEME, "HTTPS"),
            "https://10.0.0.5:8000/stats", null),
        new TargetCase("path without leading slash", p -> annotate(p, PodAnnotations.PATH, "vllm/metrics"),
            "http://10.0.0.5:8000/vllm/metrics", null),
        new TargetCase("IPv6 pod IP in brackets", p -> p.editStatus().withPodIP("fd00:10::5").endStatus(),
            "http://[fd00:10::5]:8000/metrics", null),
        new TargetCase("UDP ports are not candidates", p -> p.editSpec().editFirstContainer()
            .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort().endContainer().endSpec(),
            "http://10.0.0.5:8000/metrics", null),
        new TargetCase("port from the one container that declares one", p -> p.editSpec()
            .addNewContainer().withName("sidecar").withImage("envoy").endContainer().endSpec(),
            "http://10.0.0.5:8000/metrics", null),
        new TargetCase("valid workload annotation", p -> annotate(p, PodAnnotations.WORKLOAD, "kubernetes/llm/Deployment/vllm"),
            "http://10.0.0.5:8000/metrics", null),
        new TargetCase("no scrape annotation", p -> p.editMetadata().withAnnotations(Map.of()).endMetadata(), null, null),
        new TargetCase("scrape annotation false", p -> annotate(p, PodAnnotations.SCRAPE, "false"), null, null),
        new TargetCase("being deleted", p -> p.editMetadata().withDeletionTimestamp("2025-01-01T00:00:00Z").endMetadata(), null, Reason.TERMINATING),
        new TargetCase("pending", p -> p.editStatus().withPhase("Pending").endStatus(), null, Reason.NOT_RUNNING),
        new TargetCase("succeeded", p -> p.editStatus().withPhase("Succeeded").endStatus(), null, Reason.NOT_RUNNING),
        new TargetCase("not ready", TestPods::notReady, null, Reason.NOT_READY),
        new TargetCase("no conditions", p -> p.editStatus().withConditions().endStatus(), null, Reason.NOT_READY),
        new TargetCase("no pod IP", p -> p.editStatus().withPodIP(null).endStatus(), null, Reason.NO_POD_IP),
        new TargetCase("no port anywhere", p -> p.editSpec().editFirstContainer().withPorts().endContainer().endSpec(), null, Reason.NO_PORT),
        new TargetCase("two ports, no annotation", p -> p.editSpec().editFirstContainer()
            .addNewPort().withName("grpc").withContainerPort(8001).endPort().endContainer().endSpec(), null, Reason.AMBIGUOUS_PORT),
        new TargetCase("port out of range", p -> annotate(p, PodAnnotations.PORT, "70000"), null, Reason.INVALID_PORT),
        new TargetCase("port name not declared", p -> annotate(p, PodAnnotations.PORT, "metrics"), null, Reason.INVALID_PORT),
        new TargetCase("scheme ftp", p -> annotate(p, PodAnnotations.SCHEME, "ftp"), null, Reason.INVALID_SCHEME),
        new TargetCase("workload annotation with 3 segments", p -> annotate(p, PodAnnotations.WORKLOAD, "llm/Deployment/vllm"),
            null, Reason.INVALID_WORKLOAD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetCases")
  void targetOrSkip(TargetCase c) {
    Outcome outcome = PodTargetMapper.map(c.pod().apply(scrapeable("llm", "vllm-0")).build(), ReplicaSetLookup.none());
    if (c.url() != null) {
      assertEquals(c.url(), assertInstanceOf(Outcome.Target.class, outcome).target().url());
    } else if (c.skip() != null) {
      SkippedPod skipped = assertInstanceOf(Outcome.Skipped.class, outcome).pod();
      assertEquals(new SkippedPod("llm", "vllm-0", c.skip(), skipped.detail()), skipped);
      assertTrue(!skipped.detail().isBlank(), "a reason for humans");
    } else {
      assertInstanceOf(Outcome.NotCandidate.class, outcome);
    }
  }

  /** Owner chain -> workload. */
  record WorkloadCase(String name, List<OwnerReference> podOwners, Map<String, String> podLabels, List<ReplicaSet> replicaSets, String workload) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<WorkloadCase> workloadCases() {
    var deployment = controller("apps/v1", "Deployment", "vllm-llama");
    var rs = controller("apps/v1", "ReplicaSet", "vllm-llama-6d4cf56db6");
    return Stream.of(
        // name                                   pod's owners                                       pod labels                        ReplicaSets known                                          -> workload
        new WorkloadCase("Pod -> ReplicaSet -> Deployment", List.of(rs), Map.of(), List.of(replicaSet("llm", rs.getName(), deployment)),
            "kubernetes/llm/Deployment/vllm-llama"),
        new WorkloadCase("ReplicaSet not cached: pod-template-hash names the Deployment", List.of(rs), Map.of("pod-template-hash", "6d4cf56db6"),
            List.of(), "kubernetes/llm/Deployment/vllm-llama"),
        new WorkloadCase("ReplicaSet not cached, no hash label", List.of(rs), Map.of(), List.of(), "kubernetes/llm/ReplicaSet/vllm-llama-6d4cf56db6"),
        new WorkloadCase("bare ReplicaSet", List.of(rs), Map.of(), List.of(replicaSet("llm", rs.getName(), null)),
            "kubernetes/llm/ReplicaSet/vllm-llama-6d4cf56db6"),
        new WorkloadCase("ReplicaSet of an Argo Rollout", List.of(rs), Map.of(),
            List.of(replicaSet("llm", rs.getName(), controller("argoproj.io/v1alpha1", "Rollout", "vllm-canary"))), "kubernetes/llm/Rollout/vllm-canary"),
        new WorkloadCase("ReplicaSet of the same name in another namespace is not it", List.of(rs), Map.of(),
            List.of(replicaSet("other", rs.getName(), deployment)), "kubernetes/llm/ReplicaSet/vllm-llama-6d4cf56db6"),
        new WorkloadCase("StatefulSet", List.of(controller("apps/v1", "StatefulSet", "tgi")), Map.of(), List.of(), "kubernetes/llm/StatefulSet/tgi"),
        new WorkloadCase("DaemonSet", List.of(controller("apps/v1", "DaemonSet", "dcgm-exporter")), Map.of(), List.of(),
            "kubernetes/llm/DaemonSet/dcgm-exporter"),
        new WorkloadCase("Job", List.of(controller("batch/v1", "Job", "warmup")), Map.of(), List.of(), "kubernetes/llm/Job/warmup"),
        new WorkloadCase("no owner", List.of(), Map.of(), List.of(), "kubernetes/llm/Pod/vllm-0"),
        new WorkloadCase("owner that is not the controller", List.of(new OwnerReferenceBuilder(deployment).withController(false).build()),
            Map.of(), List.of(), "kubernetes/llm/Pod/vllm-0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloadCases")
  void workloadFromOwnerReferences(WorkloadCase c) {
    Pod pod = scrapeable("llm", "vllm-0").editMetadata().withOwnerReferences(c.podOwners()).addToLabels(c.podLabels()).endMetadata().build();
    var target = assertInstanceOf(Outcome.Target.class, PodTargetMapper.map(pod, ReplicaSetLookup.of(c.replicaSets()))).target();
    assertEquals(WorkloadId.parse(c.workload()), target.workload());
  }

  @Test
  void workloadAnnotationOverridesOwners() {
    Pod pod = annotate(scrapeable("llm", "vllm-0"), PodAnnotations.WORKLOAD, "kubernetes/llm/InferenceService/llama")
        .editMetadata().addToOwnerReferences(controller("apps/v1", "StatefulSet", "tgi")).endMetadata().build();
    var target = assertInstanceOf(Outcome.Target.class, PodTargetMapper.map(pod, ReplicaSetLookup.none())).target();
    assertEquals(new WorkloadId("kubernetes", "llm", "InferenceService", "llama"), target.workload());
  }

  @Test
  void labelsMirrorKubernetesSdPodMetaLabels() {
    Pod pod = scrapeable("llm", "vllm-0")
        .editMetadata().addToLabels("app.kubernetes.io/name", "vllm").addToLabels("gpu-type", "a100").endMetadata()
        .build();
    var target = assertInstanceOf(Outcome.Target.class, PodTargetMapper.map(pod, ReplicaSetLookup.none())).target();
    assertEquals(Map.of(
        "namespace", "llm",
        "pod", "vllm-0",
        "node", "node-1",
        "pod_ip", "10.0.0.5",
        "container", "app",
        "pod_label_app", "vllm-0",
        "pod_label_app_kubernetes_io_name", "vllm",
        "pod_label_gpu_type", "a100"), target.labels());
    assertEquals("vllm-0", target.replica());
    assertEquals("llm", target.namespace());
  }

  @Test
  void noContainerLabelWhenThePortIsNotDeclared() {
    Pod pod = annotate(scrapeable("llm", "vllm-0"), PodAnnotations.PORT, "9400").build();
    var target = assertInstanceOf(Outcome.Target.class, PodTargetMapper.map(pod, ReplicaSetLookup.none())).target();
    assertNull(target.labels().get("container"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # case                           | interval ann. | timeout ann. | interval | timeout | ignored annotation
      none set                         | -             | -            | -        | -       | -
      both valid                       | 5s            | 500ms        | PT5S     | PT0.5S  | -
      Go compound and fraction         | 1m30s         | 1.5s         | PT1M30S  | PT1.5S  | -
      interval alone                   | 15s           | -            | PT15S    | -       | -
      interval not a duration          | 5 seconds     | 2s           | -        | PT2S    | plimsoll.dev/scrape-interval
      interval without unit            | 10            | -            | -        | -       | plimsoll.dev/scrape-interval
      zero interval                    | 0s            | -            | -        | -       | plimsoll.dev/scrape-interval
      negative timeout                 | 5s            | -1s          | PT5S     | -       | plimsoll.dev/scrape-timeout
      timeout longer than interval     | 5s            | 10s          | PT5S     | -       | plimsoll.dev/scrape-timeout
      """)
  void scrapeSettingsFromAnnotations(String name, String intervalAnnotation, String timeoutAnnotation, Duration interval, Duration timeout,
      String ignoredAnnotation) {
    PodBuilder builder = scrapeable("llm", "vllm-0");
    if (intervalAnnotation != null) {
      annotate(builder, PodAnnotations.SCRAPE_INTERVAL, intervalAnnotation);
    }
    if (timeoutAnnotation != null) {
      annotate(builder, PodAnnotations.SCRAPE_TIMEOUT, timeoutAnnotation);
    }
    var outcome = assertInstanceOf(Outcome.Target.class, PodTargetMapper.map(builder.build(), ReplicaSetLookup.none()));
    assertEquals(interval, outcome.target().scrapeInterval());
    assertEquals(timeout, outcome.target().scrapeTimeout());
    assertEquals(ignoredAnnotation == null ? List.of() : List.of(ignoredAnnotation),
        outcome.ignoredAnnotations().stream().map(IgnoredAnnotation::annotation).toList());
    outcome.ignoredAnnotations().forEach(i -> assertTrue(!i.reason().isBlank(), "a reason for humans"));
  }

  @Test
  void snapshotCountsTargetPodsPerWorkloadAndListsSkippedPods() {
    var deployment = controller("apps/v1", "Deployment", "vllm-llama");
    var rsOwner = controller("apps/v1", "ReplicaSet", "vllm-llama-6d4cf56db6");
    List<Pod> pods = List.of(
        scrapeable("llm", "vllm-llama-6d4cf56db6-b").editMetadata().addToOwnerReferences(rsOwner).endMetadata().build(),
        scrapeable("llm", "vllm-llama-6d4cf56db6-a").editMetadata().addToOwnerReferences(rsOwner).endMetadata().build(),
        notReady(scrapeable("llm", "vllm-llama-6d4cf56db6-c").editMetadata().addToOwnerReferences(rsOwner).endMetadata()).build(),
        scrapeable("llm", "tgi-0").editMetadata().addToOwnerReferences(controller("apps/v1", "StatefulSet", "tgi")).endMetadata().build(),
        scrapeable("batch", "debug").build(),
        scrapeable("llm", "redis").editMetadata().withAnnotations(Map.of()).endMetadata().build());

    PodDiscoverySnapshot snapshot = PodTargetMapper.map(pods, ReplicaSetLookup.of(List.of(replicaSet("llm", rsOwner.getName(), deployment))));

    assertEquals(List.of("batch/debug", "llm/tgi-0", "llm/vllm-llama-6d4cf56db6-a", "llm/vllm-llama-6d4cf56db6-b"),
        snapshot.targets().stream().map(t -> t.namespace() + "/" + t.replica()).toList());
    assertEquals(Map.of(
        WorkloadId.parse("kubernetes/batch/Pod/debug"), 1,
        WorkloadId.parse("kubernetes/llm/StatefulSet/tgi"), 1,
        WorkloadId.parse("kubernetes/llm/Deployment/vllm-llama"), 2), snapshot.workloads());
    assertEquals(List.of("kubernetes/batch/Pod/debug", "kubernetes/llm/Deployment/vllm-llama", "kubernetes/llm/StatefulSet/tgi"),
        snapshot.workloadIds().stream().map(WorkloadId::toString).toList(), "ordered by id");
    assertEquals(List.of(new SkippedPod("llm", "vllm-llama-6d4cf56db6-c", Reason.NOT_READY, "condition Ready is not True")), snapshot.skipped());
    assertEquals(2, snapshot.targetsOf(WorkloadId.parse("kubernetes/llm/Deployment/vllm-llama")).size());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      app                        | app
      app.kubernetes.io/name     | app_kubernetes_io_name
      gpu-type                   | gpu_type
      nvidia.com/gpu.product     | nvidia_com_gpu_product
      Already_OK_123             | Already_OK_123
      """)
  void sanitizeLabelName(String name, String sanitized) {
    assertEquals(sanitized, PodTargetMapper.sanitizeLabelName(name));
  }

  private static PodBuilder annotate(PodBuilder pod, String annotation, String value) {
    return pod.editMetadata().addToAnnotations(annotation, value).endMetadata();
  }
}
