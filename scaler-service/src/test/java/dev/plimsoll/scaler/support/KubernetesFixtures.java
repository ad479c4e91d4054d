package dev.plimsoll.scaler.support;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Objects the Kubernetes tests create in the mock API server. */
public final class KubernetesFixtures {
  private KubernetesFixtures() {}

  /** A Deployment {@code ns/name} of one vLLM container with {@code replicas} replicas. */
  public static void deployment(KubernetesClient client, String ns, String name, int replicas) {
    client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("vllm").withImage("vllm").endContainer().endSpec().endTemplate().endSpec().build())
        .create();
  }
}
