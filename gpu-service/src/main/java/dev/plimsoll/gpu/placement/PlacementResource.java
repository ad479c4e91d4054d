package dev.plimsoll.gpu.placement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.gpu.cluster.GpuResource;
import dev.plimsoll.gpu.cluster.NodeGpus;
import dev.plimsoll.gpu.cluster.Placement;
import dev.plimsoll.gpu.cluster.PodGpus;
import dev.plimsoll.gpu.source.KubernetesCluster;
import dev.plimsoll.gpu.source.KubernetesObjects;
import dev.plimsoll.gpu.source.SimulatorRestClient;
import dev.plimsoll.web.problem.Problems;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Placement: where a replica needing GPUs fits now ({@code POST /api/v1/placements}), the pods holding or waiting
 * for GPUs ({@code GET /api/v1/allocations}) and the scaler's headroom question ({@code GET /api/v1/headroom}:
 * how many more replicas of a workload fit now).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PlacementResource {
  private final ClusterView view;
  private final KubernetesCluster cluster;
  private final SimulatorRestClient simulator;
  private final Clock clock;

  private final String simulatorUrl;

  public PlacementResource(ClusterView view, KubernetesCluster cluster, @RestClient SimulatorRestClient simulator, Clock clock,
      @ConfigProperty(name = "quarkus.rest-client.simulator.url") String simulatorUrl) {
    this.simulatorUrl = simulatorUrl;
    this.view = view;
    this.cluster = cluster;
    this.simulator = simulator;
    this.clock = clock;
  }

  /**
   * What one replica needs.
   *
   * @param count units per replica (default 1)
   * @param kind {@code full} (default), {@code mig} or {@code shared}
   * @param migProfile with kind mig, e.g. {@code 1g.10gb}
   * @param resource an exact resource name instead of kind, e.g. {@code nvidia.com/mig-3g.40gb}
   * @param minMemoryMiB each unit at least this much GPU memory
   * @param products acceptable GPU products (GFD product label, with or without its MIG/SHARED suffix)
   * @param strategy {@code pack} (default: fullest node first) or {@code spread}
   */
  public record PlacementRequest(Integer count, String kind, String migProfile, String resource, Long minMemoryMiB, List<String> products,
      String strategy) {}

  /** The verdicts: feasible nodes best first, every other node with its reason. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlacementResponse(String source, Instant observedAt, long replicasThatFit, List<Placement.Verdict> feasible,
      List<Placement.Verdict> infeasible) {}

  @POST
  @Path("/placements")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Where a replica needing GPUs fits now: feasible nodes ranked, and the reason for every other node")
  public PlacementResponse place(PlacementRequest body, UriInfo uri) {
    ClusterView.Nodes nodes = view.nodes(clock.instant());
    Placement.Request request = request(body, nodes.nodes(), uri);
    Placement.Result r = Placement.place(request, nodes.nodes());
    return new PlacementResponse(nodes.source(), nodes.observedAt(), r.replicasThatFit(), r.feasible(), r.infeasible());
  }

  /** The GPU pods: what each holds on which node, and what pending ones wait for. */
  public record AllocationsResponse(String source, Instant observedAt, List<PodGpus> pods, Map<String, Map<String, Long>> allocatedByNode) {}

  @GET
  @Path("/allocations")
  @Operation(summary = "Pods holding or waiting for NVIDIA GPU resources (Kubernetes), and the units held per node")
  public AllocationsResponse allocations() {
    ClusterView.Nodes nodes = view.nodes(clock.instant());
    Map<String, Map<String, Long>> byNode = new java.util.TreeMap<>();
    for (NodeGpus n : nodes.nodes()) {
      if (!n.allocated().isEmpty()) {
        byNode.put(n.name(), n.allocated());
      }
    }
    return new AllocationsResponse(nodes.source(), nodes.observedAt(), nodes.pods(), byNode);
  }

  /**
   * How many more replicas of a workload fit now.
   *
   * @param replicasThatFit null when the workload needs no GPU or its platform is not known here
   * @param reason why it is null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HeadroomResponse(String workload, String resource, Long count, List<String> products, Long replicasThatFit,
      List<Placement.Verdict> feasible, String reason) {}

  @GET
  @Path("/headroom")
  @Blocking
  @Operation(summary = "How many more replicas of a workload fit on free GPUs now (the scaler asks before scaling up)")
  public Uni<HeadroomResponse> headroom(@RestQuery String workload, UriInfo uri) {
    WorkloadId id;
    try {
      id = WorkloadId.parse(workload);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(uri, new FieldError("workload", e.getMessage() == null ? "is required: platform/namespace/kind/name" : e.getMessage()));
    }
    return perReplica(id).map(need -> {
      if (need.reason() != null) {
        return new HeadroomResponse(id.toString(), null, null, null, null, null, need.reason());
      }
      ClusterView.Nodes nodes = view.nodes(clock.instant());
      Placement.Result r = Placement.place(new Placement.Request((int) need.count(), null, null, need.resource(), null, need.products(),
          Placement.Strategy.PACK), nodes.nodes());
      return new HeadroomResponse(id.toString(), need.resource(), need.count(), need.products(), r.replicasThatFit(), r.feasible(), null);
    });
  }

  /** One replica's GPU need: a resource and its count, or why there is none. */
  record Need(String resource, long count, List<String> products, String reason) {}

  private Uni<Need> perReplica(WorkloadId id) {
    if (id.isSimulated()) {
      return simulator.fleet(id.name())
          .map(f -> f.gpusPerReplica() <= 0 ? new Need(null, 0, List.of(), "the fleet needs no GPU")
              : new Need(GpuResource.GPU, f.gpusPerReplica(), List.of(), null))
          .onFailure().transform(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404
              ? new dev.plimsoll.gpu.problem.UnknownWorkloadException(id + " is not a simulated fleet")
              // the simulator down or failing: a 503 naming it, as the inventory does (it was a 500)
              : new dev.plimsoll.gpu.problem.InventoryUnavailableException("simulator", simulatorUrl, e.getMessage()));
    }
    if ("kubernetes".equals(id.platform()) && cluster.enabled()) {
      return Uni.createFrom().item(() -> kubernetesNeed(id));
    }
    return Uni.createFrom().item(new Need(null, 0, List.of(), "no GPU inventory for platform " + id.platform() + " here"));
  }

  private Need kubernetesNeed(WorkloadId id) {
    var apps = cluster.client().apps();
    PodTemplateSpec template = switch (id.kind()) {
      case "Deployment" -> template(apps.deployments().inNamespace(id.namespace()).withName(id.name()).get(), d -> d.getSpec().getTemplate());
      case "StatefulSet" -> template(apps.statefulSets().inNamespace(id.namespace()).withName(id.name()).get(), s -> s.getSpec().getTemplate());
      case "ReplicaSet" -> template(apps.replicaSets().inNamespace(id.namespace()).withName(id.name()).get(), s -> s.getSpec().getTemplate());
      default -> throw new dev.plimsoll.gpu.problem.UnknownWorkloadException("a " + id.kind() + " has no pod template the GPU service reads"
          + " (Deployment, StatefulSet, ReplicaSet)");
    };
    if (template == null || template.getSpec() == null) {
      throw new dev.plimsoll.gpu.problem.UnknownWorkloadException(id + " does not exist");
    }
    Map<String, Long> requests = KubernetesObjects.requests(template.getSpec());
    if (requests.isEmpty()) {
      return new Need(null, 0, List.of(), "the pod template requests no NVIDIA GPU resource");
    }
    Map.Entry<String, Long> first = new java.util.TreeMap<>(requests).firstEntry();
    List<String> products = new ArrayList<>();
    Map<String, String> selector = template.getSpec().getNodeSelector();
    if (selector != null && selector.get("nvidia.com/gpu.product") != null) {
      products.add(selector.get("nvidia.com/gpu.product"));
    }
    return new Need(first.getKey(), first.getValue(), products, null);
  }

  private static <T> PodTemplateSpec template(T workload, java.util.function.Function<T, PodTemplateSpec> get) {
    return workload == null ? null : get.apply(workload);
  }

  /** The request, or a 400 naming every invalid field (an unknown MIG profile is reported with the ones the cluster has). */
  static Placement.Request request(PlacementRequest body, List<NodeGpus> nodes, UriInfo uri) {
    if (body == null) {
      throw invalid(uri, new FieldError("body", "is required"));
    }
    List<FieldError> errors = new ArrayList<>();
    int count = body.count() == null ? 1 : body.count();
    if (count < 1 || count > 1024) {
      errors.add(new FieldError("count", "must be 1..1024"));
    }
    GpuResource.Kind kind = GpuResource.Kind.FULL;
    if (body.resource() != null) {
      if (GpuResource.parse(body.resource()).isEmpty()) {
        errors.add(new FieldError("resource", "is not an NVIDIA GPU resource (nvidia.com/gpu, nvidia.com/gpu.shared, nvidia.com/mig-<g>g.<mem>gb)"));
      }
    } else if (body.kind() != null) {
      kind = GpuResource.Kind.of(body.kind().toLowerCase(Locale.ROOT)).orElse(null);
      if (kind == null) {
        errors.add(new FieldError("kind", "must be full, mig or shared"));
      }
    }
    if (kind == GpuResource.Kind.MIG && body.resource() == null && !GpuResource.validProfile(body.migProfile())) {
      TreeSet<String> known = new TreeSet<>();
      for (NodeGpus n : nodes) {
        n.allocatable().keySet().forEach(r -> GpuResource.parse(r).filter(g -> g.migProfile() != null).ifPresent(g -> known.add(g.migProfile())));
        if (n.labels().migProfile() != null) {
          known.add(n.labels().migProfile());
        }
      }
      errors.add(new FieldError("migProfile", (body.migProfile() == null ? "is required with kind mig" : "unknown MIG profile \""
          + body.migProfile() + "\": expected <g>g.<memory>gb") + (known.isEmpty() ? "; this cluster has no MIG slices"
          : "; this cluster has " + String.join(", ", known))));
    }
    if (body.minMemoryMiB() != null && body.minMemoryMiB() < 0) {
      errors.add(new FieldError("minMemoryMiB", "must be 0 or more"));
    }
    if (body.products() != null && body.products().stream().anyMatch(p -> p == null || p.isBlank())) {
      errors.add(new FieldError("products", "must be product names (GFD's nvidia.com/gpu.product), none null or blank"));
    }
    Placement.Strategy strategy = Placement.Strategy.PACK;
    if (body.strategy() != null) {
      switch (body.strategy().toLowerCase(Locale.ROOT)) {
        case "pack" -> strategy = Placement.Strategy.PACK;
        case "spread" -> strategy = Placement.Strategy.SPREAD;
        default -> errors.add(new FieldError("strategy", "must be pack or spread"));
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(uri, errors.toArray(FieldError[]::new));
    }
    return new Placement.Request(count, kind, body.migProfile(), body.resource(), body.minMemoryMiB(), body.products(), strategy);
  }

  private static WebApplicationException invalid(UriInfo uri, FieldError... errors) {
    return new WebApplicationException(Problems.response(Problem.validation(List.of(errors), Problems.instance(uri))));
  }
}
