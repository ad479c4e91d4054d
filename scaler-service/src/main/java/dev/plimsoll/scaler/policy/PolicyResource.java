package dev.plimsoll.scaler.policy;

import dev.plimsoll.scaler.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Event;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** CRUD for scaling policies, one per workload ({@code /api/v1/policies}). */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "policies")
public class PolicyResource {

  private final PolicyRepository repository;
  private final Clock clock;
  private final Event<PolicyChanged> changed;

  public PolicyResource(PolicyRepository repository, Clock clock, Event<PolicyChanged> changed) {
    this.repository = repository;
    this.clock = clock;
    this.changed = changed;
  }

  @POST
  @WithTransaction
  @Operation(summary = "Create a workload's policy", description = "201 with Location; 409 when the workload already has one")
  public Uni<RestResponse<PolicyResponse>> create(@Valid @NotNull PolicyRequest body, UriInfo uri) {
    return repository.findByWorkload(body.workload())
        .onItem().ifNotNull().transform(existing -> {
          throw duplicate(body.workload(), existing.getId());
        })
        .chain(() -> {
          PolicyEntity entity = new PolicyEntity();
          PolicyMapper.apply(body, entity, clock.instant());
          return repository.persistAndFlush(entity);
        })
        .onFailure(PersistenceFailures::isUniqueViolation).transform(e -> duplicate(body.workload(), null))
        .invoke(saved -> changed.fire(new PolicyChanged(saved.getWorkload())))
        .map(saved -> RestResponse.ResponseBuilder
            .<PolicyResponse>created(uri.getAbsolutePathBuilder().path(String.valueOf(saved.getId())).build())
            .entity(PolicyResponse.of(saved))
            .build());
  }

  @GET
  @WithSession
  @Operation(summary = "List every policy, oldest first")
  public Uni<List<PolicyResponse>> list() {
    return repository.listByIdOrder().map(all -> all.stream().map(PolicyResponse::of).toList());
  }

  @GET
  @Path("/{id}")
  @WithSession
  @Operation(summary = "One policy; 404 when absent")
  public Uni<PolicyResponse> get(@RestPath long id) {
    return find(id).map(PolicyResponse::of);
  }

  @PUT
  @Path("/{id}")
  @WithTransaction
  @Operation(summary = "Replace a policy", description = "The body must carry the version it was read at; 409 when it is stale")
  public Uni<PolicyResponse> update(@RestPath long id, @Valid @NotNull @ConvertGroup(from = Default.class, to = PolicyRequest.OnUpdate.class)
      PolicyRequest body) {
    return find(id)
        .call(entity -> entity.getVersion() != body.version()
            ? Uni.createFrom().failure(stale(id, entity.getVersion(), body.version()))
            : body.workload().equals(entity.getWorkload())
                ? Uni.createFrom().voidItem()
                : repository.findByWorkload(body.workload())
                    .onItem().ifNotNull().transform(other -> {
                      throw duplicate(body.workload(), other.getId());
                    })
                    .replaceWithVoid())
        .call(entity -> {
          String before = entity.getWorkload();
          PolicyMapper.apply(body, entity, clock.instant());
          return repository.flush().invoke(() -> {
            changed.fire(new PolicyChanged(before));
            if (!before.equals(entity.getWorkload())) {
              changed.fire(new PolicyChanged(entity.getWorkload()));
            }
          });
        })
        .onFailure(PersistenceFailures::isOptimisticLockFailure).transform(e -> stale(id, null, body.version()))
        .onFailure(PersistenceFailures::isUniqueViolation).transform(e -> duplicate(body.workload(), null))
        .map(PolicyResponse::of);
  }

  @DELETE
  @Path("/{id}")
  @WithTransaction
  @Operation(summary = "Delete a policy; 404 when absent")
  public Uni<RestResponse<Void>> delete(@RestPath long id) {
    return find(id)
        .call(entity -> repository.delete(entity).chain(repository::flush))
        .map(entity -> {
          changed.fire(new PolicyChanged(entity.getWorkload()));
          return RestResponse.noContent();
        });
  }

  private Uni<PolicyEntity> find(long id) {
    return repository.findById(id).onItem().ifNull().failWith(() -> notFound(id));
  }

  private static ProblemException notFound(long id) {
    return ProblemException.notFound("unknown-policy", "Unknown policy", "no policy with id " + id);
  }

  private static ProblemException duplicate(String workload, Long existingId) {
    return ProblemException.conflict("duplicate-policy", "Workload already has a policy",
        "workload " + workload + " already has a policy" + (existingId == null ? "" : " (id " + existingId + ")")
            + "; update or delete that one");
  }

  private static ProblemException stale(long id, Long current, long sent) {
    return ProblemException.conflict("stale-version", "Stale policy version",
        "policy " + id + (current == null ? " was changed concurrently" : " is at version " + current)
            + ", the request was based on version " + sent + "; GET it and retry");
  }
}
