package dev.plimsoll.gpu.source;

import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.PodGpus;
import dev.plimsoll.gpu.config.GpuConfig;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The cluster's GPU nodes and the pods that hold or wait for GPUs, watched through informers on nodes and pods
 * (every namespace) when {@code gpu.kubernetes.enabled}. {@link #snapshot()} joins them: each node's allocated units
 * are the requests of the unfinished pods bound to it.
 */
@ApplicationScoped
public class KubernetesCluster {
  private static final Logger LOG = Logger.getLogger(KubernetesCluster.class);

  private final GpuConfig config;
  private final Instance<KubernetesClient> client;
  private volatile SharedIndexInformer<Node> nodes;
  private volatile SharedIndexInformer<Pod> pods;
  private volatile String startError;

  /** Nodes and GPU pods at one moment. */
  public record Snapshot(List<NodeGpus> nodes, List<PodGpus> pods) {}

  public KubernetesCluster(GpuConfig config, Instance<KubernetesClient> client) {
    this.config = config;
    this.client = client;
  }

  void start(@Observes StartupEvent event) {
    if (!enabled()) {
      return;
    }
    try {
      nodes = client.get().nodes().inform();
      pods = client.get().pods().inAnyNamespace().inform();
      LOG.infof("watching Kubernetes nodes (%d) and pods for NVIDIA GPU resources", nodes.getStore().list().size());
    } catch (RuntimeException e) {
      startError = "cannot watch Kubernetes nodes and pods: " + e.getMessage() + " (the GPU service needs list/watch on nodes and pods)";
      LOG.errorf("%s; liveness is down until a restart", startError);
    }
  }

  /** Why the informers could not be started, or null (started, or not yet tried). */
  public String startError() {
    return startError;
  }

  void stop(@Observes ShutdownEvent event) {
    if (nodes != null) {
      nodes.close();
    }
    if (pods != null) {
      pods.close();
    }
  }

  public boolean enabled() {
    return config.kubernetes().enabled();
  }

  /** Whether both informers have listed. */
  public boolean synced() {
    return nodes != null && pods != null && nodes.hasSynced() && pods.hasSynced();
  }

  /** The nodes that have NVIDIA GPU resources (or GFD labels) and the pods that request them. */
  public Snapshot snapshot() {
    if (!synced()) {
      throw new IllegalStateException("the Kubernetes node and pod informers have not listed yet");
    }
    List<PodGpus> gpuPods = new ArrayList<>();
    for (Pod p : pods.getStore().list()) {
      PodGpus g = KubernetesObjects.pod(p);
      if (g != null) {
        gpuPods.add(g);
      }
    }
    Map<String, Map<String, Long>> allocated = PodGpus.allocatedByNode(gpuPods);
    List<NodeGpus> gpuNodes = new ArrayList<>();
    for (Node n : nodes.getStore().list()) {
      NodeGpus g = KubernetesObjects.node(n, allocated.getOrDefault(n.getMetadata().getName(), Map.of()));
      if (g.hasGpus() || g.labels().product() != null) {
        gpuNodes.add(g);
      }
    }
    gpuNodes.sort(java.util.Comparator.comparing(NodeGpus::name));
    return new Snapshot(gpuNodes, gpuPods);
  }

  /** The client, for reading one workload's pod template. */
  public KubernetesClient client() {
    return client.get();
  }
}
