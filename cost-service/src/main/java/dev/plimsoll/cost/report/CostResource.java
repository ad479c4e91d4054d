package dev.plimsoll.cost.report;

import dev.plimsoll.cost.config.CostConfig;
import dev.plimsoll.cost.store.CostLedgerEntity;
import dev.plimsoll.cost.store.CostLedgerRepository;
import dev.plimsoll.events.WorkloadId;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The Cost API: {@code GET /api/v1/costs}. */
@Path("/api/v1/costs")
@Produces(MediaType.APPLICATION_JSON)
public class CostResource {

  private final CostLedgerRepository repository;
  private final CostConfig config;
  private final Clock clock;

  public CostResource(CostLedgerRepository repository, CostConfig config, Clock clock) {
    this.repository = repository;
    this.config = config;
    this.clock = clock;
  }

  @GET
  @WithSession
  @Operation(summary = "GPU cost per workload so far, from the scaling decisions seen")
  public Uni<CostReport> costs(
      @Parameter(description = "Only this workload (platform/namespace/kind/name); 404 when it has no ledger")
      @QueryParam("workload") String workload,
      @Parameter(description = "Accrue up to this ISO-8601 instant instead of now")
      @QueryParam("asOf") String asOf) {
    Instant at = parseAsOf(asOf);
    if (workload == null || workload.isBlank()) {
      return repository.listByWorkload().map(rows -> report(rows, at));
    }
    try {
      WorkloadId.parse(workload);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new InvalidParameterException("workload", e.getMessage()));
    }
    return repository.findById(workload).map(row -> {
      if (row == null) {
        throw new UnknownWorkloadException(workload);
      }
      return report(List.of(row), at);
    });
  }

  private CostReport report(List<CostLedgerEntity> rows, Instant asOf) {
    var entries = rows.stream().map(r -> new CostReports.Entry(r.workload, r.toState())).toList();
    return CostReports.build(entries, asOf, config.currency(), config.gpuHourPrice(), config::gpusPerReplicaOf);
  }

  private Instant parseAsOf(String asOf) {
    Instant now = clock.instant();
    return InvalidParameterException.instant("asOf", asOf, now, now.plus(config.maxAsOfAhead()),
        config.maxAsOfAhead().toDays() + " days from now");
  }
}
