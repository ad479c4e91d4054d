package dev.plimsoll.collector.discovery;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.kubernetes.KubernetesDiscoveryException;
import dev.plimsoll.kubernetes.KubernetesPodDiscovery;
import dev.plimsoll.kubernetes.PodDiscoverySnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Kubernetes pods annotated {@code prometheus.io/scrape: "true"}, their workloads resolved through owner
 * references, kept current by watches (informers) through the Quarkus-managed Kubernetes client; see
 * the {@code kubernetes-discovery} module. Off unless {@code collector.discovery.kubernetes.enabled}.
 * The informers start on the first round (off the event loop) and again after a failed start; a change
 * seen by a watch asks for a discovery round at once instead of waiting for the next refresh.
 */
@ApplicationScoped
public class KubernetesDiscovery implements TargetDiscovery {
  private static final Logger LOG = Logger.getLogger(KubernetesDiscovery.class);

  private final CollectorConfig.Kubernetes config;
  private final Instance<KubernetesClient> client;
  private final Vertx vertx;
  private volatile KubernetesPodDiscovery pods;
  private volatile Runnable onChange = () -> { };

  public KubernetesDiscovery(CollectorConfig config, Instance<KubernetesClient> client, Vertx vertx) {
    this.config = config.discovery().kubernetes();
    this.client = client;
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public boolean enabled() {
    return config.enabled();
  }

  @Override
  public String source() {
    return "pods in " + (config.namespaces().isEmpty() ? "all namespaces" : "namespaces " + String.join(",", config.namespaces().get()));
  }

  @Override
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  @Override
  public Uni<DiscoveredTargets> discover() {
    return vertx.executeBlocking(() -> {
      KubernetesPodDiscovery d = started();
      if (!d.isWatching() && d.lastError().isPresent()) {
        throw new DiscoveryException("kubernetes watch: " + d.lastError().get().getMessage());
      }
      return toTargets(d.current());
    }, false);
  }

  private synchronized KubernetesPodDiscovery started() {
    if (pods == null) {
      List<String> namespaces = config.namespaces().orElse(List.of());
      KubernetesPodDiscovery d = new KubernetesPodDiscovery(client.get(), namespaces, config.labelSelector().orElse(null), config.syncTimeout());
      try {
        d.start();
      } catch (KubernetesDiscoveryException e) {
        d.close();
        throw new DiscoveryException(e.getMessage());
      }
      d.addListener(() -> onChange.run());
      pods = d;
    }
    return pods;
  }

  static DiscoveredTargets toTargets(PodDiscoverySnapshot snapshot) {
    Set<String> workloads = new LinkedHashSet<>();
    snapshot.workloadIds().forEach(w -> workloads.add(w.toString()));
    List<ScrapeTarget> targets = new ArrayList<>();
    for (dev.plimsoll.kubernetes.ScrapeTarget t : snapshot.targets()) {
      workloads.add(t.workload().toString());
      try {
        targets.add(new ScrapeTarget(t.url(), t.workload().toString(), t.replica(), t.labels(), t.scrapeInterval(), t.scrapeTimeout()));
      } catch (IllegalArgumentException e) {
        // one pod's bad annotations (a scrape interval under the collector's floor, say) skip that pod, not the round:
        // a failed round would keep the last good targets for good
        LOG.warnf("Skipping pod target %s of %s: %s", t.url(), t.workload(), e.getMessage());
      }
    }
    return new DiscoveredTargets(workloads, targets);
  }

  void stop(@Observes ShutdownEvent event) {
    KubernetesPodDiscovery d = pods;
    if (d != null) {
      d.close();
    }
  }
}
