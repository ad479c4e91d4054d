package dev.plimsoll.collector.snapshot;

import dev.plimsoll.collector.scrape.TargetRegistry;
import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.WorkloadId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The latest snapshot of each workload, as last published. */
@Path("/api/v1/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "snapshots")
public class SnapshotResource {
  private final LatestSnapshots latest;
  private final TargetRegistry registry;

  public SnapshotResource(LatestSnapshots latest, TargetRegistry registry) {
    this.latest = latest;
    this.registry = registry;
  }

  @GET
  @Operation(summary = "The latest MetricSnapshot per workload; with ?workload= only that workload's (empty before its first tick)")
  @APIResponse(responseCode = "200", description = "The snapshots")
  @APIResponse(responseCode = "400", description = "The workload id is malformed",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "404", description = "The workload is not known to the collector",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public List<MetricSnapshot> list(
      @Parameter(description = "workload id platform/namespace/kind/name, e.g. simulated/demo/Fleet/chat") @QueryParam("workload") String workload) {
    if (workload == null) {
      return latest.all();
    }
    try {
      WorkloadId.parse(workload);
    } catch (IllegalArgumentException e) {
      throw new InvalidWorkloadException(e.getMessage());
    }
    MetricSnapshot snapshot = latest.of(workload);
    if (snapshot != null) {
      return List.of(snapshot);
    }
    if (registry.current().workloads().contains(workload)) {
      return List.of();
    }
    throw new UnknownWorkloadException(workload);
  }

  /** The {@code workload} query parameter is not a workload id. */
  public static class InvalidWorkloadException extends RuntimeException {
    public InvalidWorkloadException(String message) {
      super(message, null, false, false);
    }
  }
}
