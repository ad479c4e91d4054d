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
  private final DecisionStream stream;

  public DecisionResource(DecisionRepository repository, DecisionStream stream) {
    this.repository = repository;
    this.stream = stream;
  }

  /** The last page a request may ask for: page × limit stays within an int offset (Panache's), at 500 a page. */
  static final int MAX_PAGE = 1_000_000;

  @GET
  @WithSession
  @Operation(summary = "Stored decisions, newest first",
      description = "Filtered by workload, reason (e.g. ScaleUpLimit) and time range (since inclusive, until exclusive, ISO-8601); "
          + "page from 0 to 1000000, limit 1..500 per page (default 50)")
  public Uni<List<DecisionResponse>> list(@RestQuery String workload, @RestQuery String reason, @RestQuery String since,
      @RestQuery String until, @RestQuery @DefaultValue("0") @Min(0) @Max(MAX_PAGE) int page,
      @RestQuery @DefaultValue("50") @Min(1) @Max(500) int limit) {
    var errors = new java.util.ArrayList<dev.plimsoll.events.Problem.FieldError>();
    java.time.Instant from = instant("since", since, errors);
    java.time.Instant to = instant("until", until, errors);
    if (!errors.isEmpty()) {
      throw new dev.plimsoll.scaler.web.FieldErrorsException(errors);
    }
    String filter = workload == null || workload.isBlank() ? null : workload;
    String why = reason == null || reason.isBlank() ? null : reason;
    return repository.newest(filter, why, from, to, page, limit).map(all -> all.stream().map(DecisionResponse::of).toList());
  }

  private static java.time.Instant instant(String name, String text, java.util.List<dev.plimsoll.events.Problem.FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return java.time.Instant.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(new dev.plimsoll.events.Problem.FieldError(name, "must be an ISO-8601 instant such as 2026-11-28T12:00:00Z, got " + text));
      return null;
    }
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @org.jboss.resteasy.reactive.RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every evaluation's decision as it happens (server-sent events), of one workload or all")
  public io.smallrye.mutiny.Multi<dev.plimsoll.events.ScalingDecision> stream(@RestQuery String workload) {
    return stream.decisions(workload == null || workload.isBlank() ? null : workload);
  }
}
