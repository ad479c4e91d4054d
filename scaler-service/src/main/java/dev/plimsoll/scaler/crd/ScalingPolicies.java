package dev.plimsoll.scaler.crd;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code ScalingPolicy} resource (plimsoll.dev/v1alpha1) as generic JSON: where it lives and how to read its parts. */
public final class ScalingPolicies {
  private ScalingPolicies() {}

  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup("plimsoll.dev").withVersion("v1alpha1").withKind("ScalingPolicy").withPlural("scalingpolicies").withNamespaced(true).build();

  /** {@code namespace/name}, the policy's {@code resourceRef}. */
  public static String ref(GenericKubernetesResource r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }

  static Object spec(GenericKubernetesResource r) {
    return r == null ? null : r.getAdditionalProperties().get("spec");
  }

  /** A mutable copy of the resource's status. */
  static Map<String, Object> status(GenericKubernetesResource r) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (r.getAdditionalProperties().get("status") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }

  /** Whether the status already holds a Ready verdict. */
  static boolean hasReady(GenericKubernetesResource r) {
    return status(r).get("conditions") instanceof List<?> list
        && list.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Ready".equals(m.get("type")));
  }
}
