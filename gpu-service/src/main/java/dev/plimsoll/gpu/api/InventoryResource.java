package dev.plimsoll.gpu.api;

import dev.plimsoll.gpu.inventory.Observation;
import dev.plimsoll.gpu.inventory.RefreshStatus;
import dev.plimsoll.gpu.problem.InventoryUnavailableException;
import dev.plimsoll.gpu.refresh.InventoryCache;
import dev.plimsoll.gpu.source.InventorySource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The GPU API. Answers from the cache the refresher fills; every answer carries {@code Age} (seconds since
 * the source was read) and {@code Last-Modified}. 503 problem while no inventory has ever been read.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

  private final InventoryCache cache;
  private final InventorySource source;
  private final Clock clock;
  private final dev.plimsoll.gpu.placement.ClusterView view;

  public InventoryResource(InventoryCache cache, InventorySource source, Clock clock, dev.plimsoll.gpu.placement.ClusterView view) {
    this.view = view;
    this.cache = cache;
    this.source = source;
    this.clock = clock;
  }

  @GET
  @Path("/inventory")
  @Operation(summary = "GPU totals: nodes, GPUs, allocated and free, per product")
  public RestResponse<InventoryResponse> inventory() {
    RefreshStatus s = cache.status();
    Observation o = observation(s);
    return cached(InventoryResponse.of(o, clock.instant(), s.lastError()), o);
  }

  @GET
  @Path("/nodes")
  @Operation(summary = "GPU nodes: capacity, allocated and free GPUs, each GPU where known, GFD labels and every NVIDIA resource's units")
  public RestResponse<List<NodeResponse>> nodes() {
    Observation o = observation(cache.status());
    java.util.Map<String, dev.plimsoll.gpu.cluster.NodeGpus> details = new java.util.HashMap<>();
    try {
      view.nodes(clock.instant()).nodes().forEach(n -> details.put(n.name(), n));
    } catch (RuntimeException e) {
      // the details are extra: without them the totals still answer
    }
    return cached(o.nodes().stream().map(n -> NodeResponse.of(n, details.get(n.name()))).toList(), o);
  }

  private Observation observation(RefreshStatus s) {
    if (s.lastSuccess() == null) {
      throw new InventoryUnavailableException(source.name(), source.location(), s.notReadyReason());
    }
    return s.lastSuccess();
  }

  private <T> RestResponse<T> cached(T body, Observation o) {
    Instant now = clock.instant();
    return RestResponse.ResponseBuilder.ok(body)
        .header("Age", (long) Math.floor(o.ageSeconds(now)))
        .header(HttpHeaders.LAST_MODIFIED, Date.from(o.observedAt()))
        .build();
  }
}
