package dev.plimsoll.gpu.health;

import dev.plimsoll.gpu.source.KubernetesCluster;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when the Kubernetes node and pod informers could not be started (the API server unreachable at startup, or
 * list/watch forbidden): they are not started again, so the kubelet's restart is the retry; without this the service
 * stayed not ready for good while its liveness said it was fine. Up when Kubernetes is not watched.
 */
@Liveness
@ApplicationScoped
public class KubernetesInformersLivenessCheck implements HealthCheck {

  private final KubernetesCluster cluster;

  public KubernetesInformersLivenessCheck(KubernetesCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("kubernetes-informers").withData("enabled", cluster.enabled());
    String error = cluster.enabled() ? cluster.startError() : null;
    if (error != null) {
      return builder.down().withData("error", error).build();
    }
    return builder.up().build();
  }
}
