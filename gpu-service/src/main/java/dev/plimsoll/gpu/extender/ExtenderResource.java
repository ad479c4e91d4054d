package dev.plimsoll.gpu.extender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.PodGpus;
import dev.plimsoll.gpu.live.LiveGpus;
import dev.plimsoll.gpu.source.KubernetesCluster;
import dev.plimsoll.gpu.source.KubernetesObjects;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A kube-scheduler extender ({@code POST /api/v1/extender/filter} and {@code /prioritize}; sample configuration in
 * deploy/k8s/scheduler): a GPU pod passes a node when every NVIDIA resource it requests fits on the node's free units
 * ({@link dev.plimsoll.gpu.cluster.Placement}); the free units of nodes this service watches count the pods bound there. Nodes come whole
 * ({@code Nodes}) or by name ({@code NodeNames}, {@code nodeCacheCapable: true}: then from this service's informers;
 * a name it does not know fails). A pod that requests no GPU passes everywhere. Scores pack GPU work (0..10).
 * A malformed request is a 400 whose plain-text body the scheduler logs.
 */
@Path("/api/v1/extender")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ExtenderResource {
  private final KubernetesCluster cluster;
  /** DCGM health: a node with an unhealthy GPU fails as it does for {@code POST /api/v1/placements}. */
  private final LiveGpus live;
  private final ObjectReader args;

  public ExtenderResource(KubernetesCluster cluster, ObjectMapper mapper, LiveGpus live) {
    this.cluster = cluster;
    this.live = live;
    this.args = mapper.readerFor(ExtenderMessages.Args.class);
  }

  @POST
  @Path("/filter")
  @Blocking
  @Operation(summary = "kube-scheduler extender filter: the nodes a GPU pod fits on now, and why not for every other")
  public ExtenderMessages.FilterResult filter(String body) {
    Request r = read(body);
    if (r.byName() && !r.requests().isEmpty() && !(cluster.enabled() && cluster.synced())) {
      // Names only, and no nodes of its own to look them up in: an error, which an ignorable extender's scheduler
      // skips, rather than every node "unknown", which would leave every GPU pod unschedulable.
      return new ExtenderMessages.FilterResult(null, null, null, null, cluster.enabled()
          ? "the Plimsoll GPU service has not listed the cluster's nodes and pods yet"
          : "the Plimsoll GPU service does not watch Kubernetes (gpu.kubernetes.enabled=false): send whole Nodes (nodeCacheCapable: false)");
    }
    ExtenderDecisions.Filtered f = ExtenderDecisions.filter(r.requests(), r.candidates());
    if (r.byName()) {
      return new ExtenderMessages.FilterResult(null, f.passed(), f.failed(), f.unresolvable(), "");
    }
    NodeList kept = new NodeList();
    kept.setItems(r.given().stream().filter(n -> f.passed().contains(n.getMetadata().getName())).toList());
    return new ExtenderMessages.FilterResult(kept, null, f.failed(), f.unresolvable(), "");
  }

  @POST
  @Path("/prioritize")
  @Blocking
  @Operation(summary = "kube-scheduler extender prioritize: 0..10 per node, packing GPU work onto the fullest node it fits")
  public List<ExtenderMessages.HostPriority> prioritize(String body) {
    Request r = read(body);
    return ExtenderDecisions.prioritize(r.requests(), r.candidates());
  }

  private record Request(Map<String, Long> requests, List<ExtenderDecisions.Candidate> candidates, boolean byName, List<Node> given) {}

  private Request read(String body) {
    ExtenderMessages.Args a;
    try {
      a = body == null || body.isBlank() ? null : args.readValue(body);
    } catch (JsonProcessingException e) {
      throw bad("malformed extender request: " + e.getOriginalMessage());
    }
    if (a == null || a.pod() == null || a.pod().getSpec() == null) {
      throw bad("malformed extender request: Pod (with its spec) is required");
    }
    if (a.nodes() == null && a.nodeNames() == null) {
      throw bad("malformed extender request: Nodes or NodeNames is required");
    }
    Map<String, Long> requests = KubernetesObjects.requests(a.pod().getSpec());
    Map<String, NodeGpus> known = new HashMap<>();
    Map<String, Map<String, Long>> allocated = Map.of();
    if (cluster.enabled() && cluster.synced()) {
      KubernetesCluster.Snapshot s = cluster.snapshot();
      s.nodes().forEach(n -> known.put(n.name(), n));
      allocated = PodGpus.allocatedByNode(s.pods());
    }
    Map<String, List<String>> unhealthy = live.unhealthyByNode();
    List<ExtenderDecisions.Candidate> candidates = new ArrayList<>();
    if (a.nodeNames() != null) {
      for (String name : a.nodeNames()) {
        NodeGpus n = known.get(name);
        candidates.add(new ExtenderDecisions.Candidate(name, n == null && requests.isEmpty() ? empty(name) : healthOf(n, unhealthy)));
      }
      return new Request(requests, candidates, true, List.of());
    }
    List<Node> given = a.nodes().getItems() == null ? List.of() : a.nodes().getItems();
    for (Node n : given) {
      if (n.getMetadata() == null || n.getMetadata().getName() == null) {
        throw bad("malformed extender request: a node in Nodes has no metadata.name");
      }
      candidates.add(new ExtenderDecisions.Candidate(n.getMetadata().getName(), healthOf(KubernetesObjects.node(n,
          allocated.getOrDefault(n.getMetadata().getName(), Map.of())), unhealthy)));
    }
    return new Request(requests, candidates, false, given);
  }

  /** The node with its unhealthy GPUs (DCGM), as {@code ClusterView} gives it to placements; null stays null (unknown). */
  private static NodeGpus healthOf(NodeGpus n, Map<String, List<String>> unhealthy) {
    return n == null ? null : n.withUnhealthy(unhealthy.getOrDefault(n.name(), List.of()));
  }

  /** A node the service does not watch, for a pod that needs no GPU: it passes. */
  private static NodeGpus empty(String name) {
    return new NodeGpus(name, null, Map.of(), Map.of(), Map.of(), true, true, List.of());
  }

  private static WebApplicationException bad(String reason) {
    return new WebApplicationException(Response.status(400).type(MediaType.TEXT_PLAIN).entity(reason).build());
  }
}
