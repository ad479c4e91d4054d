package dev.plimsoll.scaler.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The decision audit: decisions that changed a replica count or failed to ({@code /api/v1/decisions}). */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions")
public class DecisionResource {

  private final DecisionRepository repository;

  public DecisionResource(DecisionRepository repository) {
    this.repository = repository;
  }

  @GET
  @WithSession
  @Operation(summary = "Stored decisions, newest first", description = "Optionally of one workload; limit 1..500, default 50")
  public Uni<List<DecisionResponse>> list(@RestQuery String workload, @RestQuery @DefaultValue("50") @Min(1) @Max(500) int limit) {
    String filter = workload == null || workload.isBlank() ? null : workload;
    return repository.newest(filter, limit).map(all -> all.stream().map(DecisionResponse::of).toList());
  }
}
