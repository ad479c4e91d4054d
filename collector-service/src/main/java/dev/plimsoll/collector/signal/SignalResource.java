package dev.plimsoll.collector.signal;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.problem.InvalidRequestException;
import dev.plimsoll.collector.query.PromApiFormat;
import dev.plimsoll.collector.store.MetricStore;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.promql.PromqlException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The signal catalogue: list it, add or replace a signal (for every workload or one), remove one, and
 * evaluate one now. Signals added here are kept in PostgreSQL.
 */
@Path("/api/v1/signals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Signals")
public class SignalResource {
  private final SignalCatalogue catalogue;
  private final SignalStore store;
  private final MetricStore metrics;
  private final ExternalSignals external;
  private final CollectorConfig config;
  private final Clock clock;

  public SignalResource(SignalCatalogue catalogue, SignalStore store, MetricStore metrics, ExternalSignals external, CollectorConfig config,
      Clock clock) {
    this.catalogue = catalogue;
    this.store = store;
    this.metrics = metrics;
    this.external = external;
    this.config = config;
    this.clock = clock;
  }

  /** A signal as REST shows and takes it. */
  public record SignalBody(String name, String query, String scope, String workload, String description, String prometheus) {
    static SignalBody of(SignalDefinition d) {
      return new SignalBody(d.name(), d.query(), d.scope().name().toLowerCase(java.util.Locale.ROOT), d.workload(), d.description(), d.prometheus());
    }
  }

  @GET
  @Operation(summary = "Every signal: defaults, configured, added over REST")
  public List<SignalBody> list() {
    return catalogue.all().stream().map(SignalBody::of).toList();
  }

  @PUT
  @Path("/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add or replace a signal (for every workload, or for the one named by ?workload= or in the body)")
  @APIResponse(responseCode = "200", description = "stored")
  @APIResponse(responseCode = "400", description = "invalid signal, every problem named",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Uni<SignalBody> put(@PathParam("name") String name, @QueryParam("workload") String workloadParam, SignalBody given) {
    List<Problem.FieldError> errors = new ArrayList<>();
    // The workload may come as ?workload= (as DELETE and GET take it, and as docs/contracts.md shows) or in the body;
    // it was read from the body only, so a PUT with ?workload= defined the signal for every workload.
    SignalBody body = given;
    if (workloadParam != null && !workloadParam.isBlank()) {
      if (given != null && given.workload() != null && !given.workload().equals(workloadParam)) {
        errors.add(new Problem.FieldError("workload", "the body names " + given.workload() + " but ?workload= names " + workloadParam));
      } else if (given != null) {
        body = new SignalBody(given.name(), given.query(), given.scope(), workloadParam, given.description(), given.prometheus());
      }
    }
    if (body == null || body.query() == null || body.query().isBlank()) {
      errors.add(new Problem.FieldError("query", "is required"));
    }
    String scope = body == null || body.scope() == null ? "workload" : body.scope();
    if (!scope.equals("workload") && !scope.equals("cluster")) {
      errors.add(new Problem.FieldError("scope", "must be workload or cluster"));
    }
    if (body != null && body.workload() != null) {
      try {
        WorkloadId.parse(body.workload());
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError("workload", e.getMessage()));
      }
    }
    if (body != null && body.prometheus() != null && !config.prometheus().containsKey(body.prometheus())) {
      errors.add(new Problem.FieldError("prometheus", "no collector.prometheus." + body.prometheus() + " is configured"));
    }
    SignalDefinition d = null;
    if (errors.isEmpty()) {
      try {
        d = new SignalDefinition(name, body.query(), scope.equals("cluster") ? SignalDefinition.Scope.CLUSTER : SignalDefinition.Scope.WORKLOAD,
            body.workload(), body.description(), body.prometheus());
        catalogue.put(d);
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError(e.getMessage().startsWith("signal name") ? "name" : "query", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidRequestException.invalid(errors);
    }
    SignalDefinition stored = d;
    return store.save(stored).replaceWith(SignalBody.of(stored));
  }

  @DELETE
  @Path("/{name}")
  @Operation(summary = "Remove a signal added over REST or by configuration (a default one comes back at restart)")
  @APIResponse(responseCode = "204", description = "removed")
  @APIResponse(responseCode = "404", description = "no such signal",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Uni<Response> delete(@PathParam("name") String name, @QueryParam("workload") String workload) {
    if (catalogue.remove(name, workload).isEmpty()) {
      throw new NotFoundException();
    }
    return store.delete(name, workload).replaceWith(Response.noContent().build());
  }

  @GET
  @Path("/{name}/value")
  @Operation(summary = "Evaluate a signal now: for a workload (workload signals) or for the cluster")
  public Map<String, Object> value(@PathParam("name") String name, @QueryParam("workload") String workload) {
    SignalDefinition d = catalogue.get(name, workload).or(() -> catalogue.get(name, null)).orElseThrow(NotFoundException::new);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("workload", workload);
    if (d.scope() == SignalDefinition.Scope.WORKLOAD && workload == null) {
      throw InvalidRequestException.invalid(List.of(new Problem.FieldError("workload", "a workload signal needs ?workload=")));
    }
    if (d.external()) {
      ExternalSignals.Answer a = external.last(d, workload);
      out.put("value", a == null ? null : a.result().value());
      out.put("problem", a == null ? "not asked yet" : a.result().problem());
      out.put("at", a == null ? null : a.at());
      return out;
    }
    String query = d.queryFor(workload == null ? "" : workload, config.signalWindow().toMillis() + "ms");
    try {
      out.put("result", PromApiFormat.result(metrics.engine().instant(query, clock.millis()).value()));
    } catch (PromqlException e) {
      out.put("problem", e.getMessage());
    }
    return out;
  }
}
