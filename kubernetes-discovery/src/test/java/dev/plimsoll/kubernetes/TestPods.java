package dev.plimsoll.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.UUID;

/** Builders for the pods the tests need: by default annotated, Running, Ready, with an IP and one port. */
final class TestPods {

  private TestPods() {}

  /** {@code namespace/name}: scrape-annotated, Running, Ready, IP 10.0.0.5 on node-1, container {@code app} with port 8000. */
  static PodBuilder scrapeable(String namespace, String name) {
    return new PodBuilder()
        .withNewMetadata()
          .withNamespace(namespace)
          .withName(name)
          .withUid(UUID.randomUUID().toString())
          .addToLabels("app", name)
          .addToAnnotations(PodAnnotations.SCRAPE, "true")
        .endMetadata()
        .withNewSpec()
          .withNodeName("node-1")
          .addNewContainer()
            .withName("app")
            .withImage("vllm/vllm-openai")
            .addNewPort().withName("http").withContainerPort(8000).withProtocol("TCP").endPort()
          .endContainer()
        .endSpec()
        .withNewStatus()
          .withPhase("Running")
          .withPodIP("10.0.0.5")
          .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus();
  }

  /** Status of a pod that is scheduled and running but not Ready yet. */
  static PodBuilder notReady(PodBuilder pod) {
    return pod.editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False").endCondition().endStatus();
  }

  static OwnerReference controller(String apiVersion, String kind, String name) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(UUID.randomUUID().toString())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  static ReplicaSet replicaSet(String namespace, String name, OwnerReference owner) {
    var builder = new ReplicaSetBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid(UUID.randomUUID().toString()).endMetadata()
        .withNewSpec()
          .withReplicas(1)
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().addNewContainer().withName("app").withImage("vllm/vllm-openai").endContainer().endSpec()
          .endTemplate()
        .endSpec();
    if (owner != null) {
      builder.editMetadata().addToOwnerReferences(owner).endMetadata();
    }
    return builder.build();
  }

  static Pod build(PodBuilder builder) {
    return builder.build();
  }
}
