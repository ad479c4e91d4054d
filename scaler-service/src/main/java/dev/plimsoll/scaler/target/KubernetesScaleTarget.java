package dev.plimsoll.scaler.target;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.config.ScalerConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;

/**
 * Scales Kubernetes workloads through their {@code /scale} subresource (Deployment, StatefulSet,
 * ReplicaSet), like the HPA. Refuses to act on a workload that a HorizontalPodAutoscaler or a KEDA
 * ScaledObject already targets, and says which: two autoscalers on one workload fight. Workload ids are
 * {@code kubernetes/<namespace>/<Kind>/<name>}. Off unless {@code scaler.kubernetes.enabled}.
 */
@ApplicationScoped
public class KubernetesScaleTarget implements ScaleTarget {
  private static final ResourceDefinitionContext SCALED_OBJECTS = new ResourceDefinitionContext.Builder()
      .withGroup("keda.sh").withVersion("v1alpha1").withKind("ScaledObject").withPlural("scaledobjects").withNamespaced(true).build();

  private final boolean enabled;
  private final Instance<KubernetesClient> client;
  private final Vertx vertx;

  public KubernetesScaleTarget(ScalerConfig config, Instance<KubernetesClient> client, Vertx vertx) {
    this.enabled = config.kubernetes().enabled();
    this.client = client;
    this.vertx = vertx;
  }

  @Override
  public String platform() {
    return "kubernetes";
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public Uni<Scale> read(WorkloadId workload) {
    return vertx.executeBlocking(() -> {
      try {
        return current(workload);
      } catch (KubernetesClientException e) {
        throw new ActuationException("Kubernetes API: " + describe(e, workload), e, e.getCode() == 404);
      }
    }, false);
  }

  @Override
  public Uni<Scale> scale(WorkloadId workload, int replicas) {
    return vertx.executeBlocking(() -> {
      try {
        Optional<String> other = otherAutoscaler(workload);
        if (other.isPresent()) {
          throw new ActuationException(other.get() + " already scales " + workload
              + "; remove it (or use a dry-run policy) before letting Plimsoll act on the workload");
        }
        scalable(workload).scale(replicas);
        return current(workload);
      } catch (KubernetesClientException e) {
        throw new ActuationException("Kubernetes API: " + describe(e, workload), e, e.getCode() == 404);
      }
    }, false);
  }

  /** An HPA or ScaledObject targeting the workload, named, if there is one. */
  Optional<String> otherAutoscaler(WorkloadId w) {
    for (HorizontalPodAutoscaler hpa : client.get().autoscaling().v2().horizontalPodAutoscalers().inNamespace(w.namespace()).list().getItems()) {
      var ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
      if (ref != null && w.kind().equals(ref.getKind()) && w.name().equals(ref.getName())) {
        return Optional.of("HorizontalPodAutoscaler " + w.namespace() + "/" + hpa.getMetadata().getName());
      }
    }
    try {
      for (GenericKubernetesResource so : client.get().genericKubernetesResources(SCALED_OBJECTS).inNamespace(w.namespace()).list().getItems()) {
        Object spec = so.getAdditionalProperties().get("spec");
        Object ref = spec instanceof Map<?, ?> m ? m.get("scaleTargetRef") : null;
        if (ref instanceof Map<?, ?> r && w.name().equals(r.get("name"))
            && (r.get("kind") == null ? w.kind().equals("Deployment") : w.kind().equals(r.get("kind")))) {
          return Optional.of("KEDA ScaledObject " + w.namespace() + "/" + so.getMetadata().getName());
        }
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) { // no KEDA CRD installed: nothing to conflict with
        throw e;
      }
    }
    return Optional.empty();
  }

  private io.fabric8.kubernetes.client.dsl.Scalable<?> scalable(WorkloadId w) {
    return switch (w.kind()) {
      case "Deployment" -> client.get().apps().deployments().inNamespace(w.namespace()).withName(w.name());
      case "StatefulSet" -> client.get().apps().statefulSets().inNamespace(w.namespace()).withName(w.name());
      case "ReplicaSet" -> client.get().apps().replicaSets().inNamespace(w.namespace()).withName(w.name());
      default -> throw new ActuationException("cannot scale a " + w.kind() + " (Deployment, StatefulSet or ReplicaSet)");
    };
  }

  /**
   * The workload's spec replicas and ready pods ({@code status.readyReplicas}), in one read of the object: the scale
   * subresource's {@code status.replicas} counts every pod, a replica still loading its model too, so loading replicas
   * would look ready (no LoadingHoldsZero, an understated panic ratio), where the HPA counts them as unready.
   */
  private Scale current(WorkloadId w) {
    var apps = client.get().apps();
    Scale scale = switch (w.kind()) {
      case "Deployment" -> {
        var d = apps.deployments().inNamespace(w.namespace()).withName(w.name()).get();
        yield d == null ? null : scale(d.getSpec().getReplicas(), d.getStatus() == null ? null : d.getStatus().getReadyReplicas());
      }
      case "StatefulSet" -> {
        var d = apps.statefulSets().inNamespace(w.namespace()).withName(w.name()).get();
        yield d == null ? null : scale(d.getSpec().getReplicas(), d.getStatus() == null ? null : d.getStatus().getReadyReplicas());
      }
      case "ReplicaSet" -> {
        var d = apps.replicaSets().inNamespace(w.namespace()).withName(w.name()).get();
        yield d == null ? null : scale(d.getSpec().getReplicas(), d.getStatus() == null ? null : d.getStatus().getReadyReplicas());
      }
      default -> throw new ActuationException("cannot scale a " + w.kind() + " (Deployment, StatefulSet or ReplicaSet)");
    };
    if (scale == null) {
      throw new ActuationException("Kubernetes API: " + w + " does not exist", null, true);
    }
    return scale;
  }

  private static Scale scale(Integer spec, Integer ready) {
    return new Scale(spec == null ? 0 : spec, ready == null ? 0 : ready);
  }

  private static String describe(KubernetesClientException e, WorkloadId w) {
    return switch (e.getCode()) {
      case 404 -> w + " does not exist";
      case 403 -> "forbidden: the scaler's service account needs get/update on " + w.kind().toLowerCase() + "s/scale in " + w.namespace();
      default -> e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
    };
  }
}
