package dev.plimsoll.collector.statictarget;

import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.problem.InvalidRequestException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.events.WorkloadId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Static scrape targets kept in PostgreSQL: added here, picked up by the next discovery round. (Targets
 * from the {@code collector.discovery.static.file} are not listed here; edit the file for those.)
 */
@Path("/api/v1/static-targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Static targets")
public class StaticTargetResource {
  private final StaticTargetStore store;

  public StaticTargetResource(StaticTargetStore store) {
    this.store = store;
  }

  @GET
  @Operation(summary = "List the static targets added over REST")
  public Uni<List<StaticTargetView>> list() {
    return store.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a static target; it is scraped from the next discovery round")
  @APIResponse(responseCode = "201", description = "stored")
  @APIResponse(responseCode = "400", description = "invalid target, every problem named",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "409", description = "a target with this URL exists",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Uni<Response> add(StaticTargetRequest request) {
    if (request == null) {
      throw InvalidRequestException.invalid(List.of(new Problem.FieldError("", "a JSON body with url and workload is required")));
    }
    List<Problem.FieldError> problems = new ArrayList<>();
    String replica = request.replica();
    if (request.url() == null || !(request.url().startsWith("http://") || request.url().startsWith("https://"))) {
      problems.add(new Problem.FieldError("url", "must be an http(s) URL"));
    } else {
      try {
        URI uri = URI.create(request.url());
        if (uri.getHost() == null) {
          problems.add(new Problem.FieldError("url", "has no host"));
        } else if (replica == null || replica.isBlank()) {
          replica = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        }
      } catch (IllegalArgumentException e) {
        problems.add(new Problem.FieldError("url", e.getMessage()));
      }
    }
    try {
      WorkloadId.parse(request.workload());
    } catch (IllegalArgumentException e) {
      problems.add(new Problem.FieldError("workload", e.getMessage()));
    }
    Duration interval = duration("interval", request.interval(), problems);
    Duration timeout = duration("timeout", request.timeout(), problems);
    if (request.labels() != null) {
      request.labels().keySet().stream().filter(k -> !k.matches("[a-zA-Z_][a-zA-Z0-9_]*") || k.startsWith("__"))
          .forEach(k -> problems.add(new Problem.FieldError("labels." + k, "invalid label name")));
      request.labels().forEach((k, v) -> {
        if (v == null) { // it was a NullPointerException, a 500
          problems.add(new Problem.FieldError("labels." + k, "must be a string"));
        }
      });
    }
    if (problems.isEmpty()) {
      try {
        new ScrapeTarget(request.url(), request.workload(), replica, request.labels(), interval, timeout);
      } catch (IllegalArgumentException e) {
        problems.add(new Problem.FieldError(e.getMessage().contains("timeout") ? "timeout" : "interval", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw InvalidRequestException.invalid(problems);
    }
    return store.add(request, replica, interval, timeout).map(stored -> stored
        .map(v -> Response.created(URI.create("/api/v1/static-targets/" + v.id())).entity(v).build())
        .orElseThrow(() -> InvalidRequestException.conflict("a static target with url " + request.url() + " exists")));
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Remove a static target added over REST")
  @APIResponse(responseCode = "204", description = "removed")
  @APIResponse(responseCode = "404", description = "no such target",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Uni<Response> delete(@PathParam("id") long id) {
    return store.delete(id).map(deleted -> {
      if (!deleted) {
        throw new NotFoundException("no static target with id " + id);
      }
      return Response.noContent().build();
    });
  }

  private static Duration duration(String field, String text, List<Problem.FieldError> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    var ms = dev.plimsoll.promql.parse.Durations.positiveMillis(text);
    if (ms.isEmpty()) {
      problems.add(new Problem.FieldError(field, "not a duration like 15s or 1m: " + text));
      return null;
    }
    return Duration.ofMillis(ms.getAsLong());
  }

}
