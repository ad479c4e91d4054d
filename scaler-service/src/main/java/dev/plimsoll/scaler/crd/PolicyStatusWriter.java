package dev.plimsoll.scaler.crd;

import dev.plimsoll.scaler.config.ScalerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Writes each decision of a ScalingPolicy's workload to the resource's status, as the HPA writes its own:
 * {@code currentReplicas}, {@code desiredReplicas}, {@code lastScaleTime}, {@code lastDecisionReason} and the
 * conditions of {@link DecisionConditions}. Off the event loop (one writer thread), and only when something
 * changed or {@code scaler.kubernetes.status-interval} passed, so a steady workload does not write every second.
 */
@ApplicationScoped
public class PolicyStatusWriter {
  private static final Logger LOG = Logger.getLogger(PolicyStatusWriter.class);

  private final ScalerConfig config;
  private final Instance<KubernetesClient> client;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("scalingpolicy-status")
      .unstarted(r));
  private final Map<String, Written> last = new ConcurrentHashMap<>();

  private record Written(String key, Instant at) {}

  public PolicyStatusWriter(ScalerConfig config, Instance<KubernetesClient> client) {
    this.config = config;
    this.client = client;
  }

  void stop(@Observes ShutdownEvent event) {
    writer.shutdownNow();
  }

  /**
   * Records one decision of the policy of resource {@code ref} ({@code namespace/name}).
   *
   * @param current the count before, null when it could not be read
   * @param desired the count asked for, null when nothing was decided
   */
  public void decided(String ref, Integer current, Integer desired, DecisionConditions.Summary summary, Instant at) {
    if (!config.kubernetes().policies() || ref == null) {
      return;
    }
    String key = current + "/" + desired + "/" + summary.reason() + "/" + summary.engineReason() + "/" + summary.error() + "/"
        + summary.fallback();
    Written before = last.get(ref);
    boolean rescaled = summary.rescaled();
    if (!rescaled && before != null && before.key().equals(key) && Duration.between(before.at(), at).compareTo(
        config.kubernetes().statusInterval()) < 0) {
      return;
    }
    last.put(ref, new Written(key, at));
    String[] parts = ref.split("/", 2);
    writer.execute(() -> write(parts[0], parts[1], current, desired, summary, at));
  }

  private void write(String namespace, String name, Integer current, Integer desired, DecisionConditions.Summary summary,
      Instant at) {
    try {
      client.get().genericKubernetesResources(ScalingPolicies.CONTEXT).inNamespace(namespace).withName(name).editStatus(r -> {
        Map<String, Object> status = ScalingPolicies.status(r);
        if (current != null) {
          status.put("currentReplicas", current);
        }
        if (desired != null) {
          status.put("desiredReplicas", desired);
        }
        if (summary.rescaled() && summary.error() == null) {
          status.put("lastScaleTime", at.toString());
        }
        status.put("lastDecisionReason", summary.reason());
        status.put("conditions", Conditions.merge((List<?>) status.get("conditions"), DecisionConditions.of(summary), at, null));
        r.setAdditionalProperty("status", status);
        return r;
      });
    } catch (RuntimeException e) {
      LOG.warnf("could not write the status of ScalingPolicy %s/%s: %s", namespace, name, e.getMessage());
    }
  }
}
