package dev.plimsoll.scaler.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.plimsoll.events.Problem;
import dev.plimsoll.scaler.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Scaling policies, one per workload ({@code /api/v1/policies}), in the autoscaling/v2 shape of
 * {@link PolicyDocument}; every change is kept as a revision ({@code /api/v1/policies/{id}/revisions}).
 * Policies that a ScalingPolicy custom resource owns are changed through the resource, not here.
 */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "policies")
public class PolicyResource {

  private final PolicyRepository repository;
  private final PolicyRevisionRepository revisions;
  private final PolicyStore store;

  public PolicyResource(PolicyRepository repository, PolicyRevisionRepository revisions, PolicyStore store) {
    this.repository = repository;
    this.revisions = revisions;
    this.store = store;
  }

  @POST
  @Operation(summary = "Create a workload's policy", description = "201 with Location; 400 with every field error; 409 when the workload "
      + "already has one. An unknown workload is accepted only with mode dry-run, with a warning.")
  @APIResponse(responseCode = "201", description = "created")
  @APIResponse(responseCode = "400", description = "invalid, every field named",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "409", description = "the workload already has a policy",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Uni<RestResponse<PolicyResponse>> create(@RequestBody(content = @Content(schema = @Schema(implementation = PolicyDocument.class)))
      String json, UriInfo uri) throws JsonProcessingException {
    PolicyStore.Valid valid = PolicyStore.validate(store.parse(json));
    return store.checkWorkload(valid).chain(check -> transactional(() -> store.create(valid, PolicyEntity.SOURCE_API, null))
        .map(saved -> RestResponse.ResponseBuilder
            .<PolicyResponse>created(uri.getAbsolutePathBuilder().path(String.valueOf(saved.entity().getId())).build())
            .entity(PolicyResponse.of(saved, PolicyStore.warnings(valid, check)))
            .build()));
  }

  @GET
  @WithSession
  @Operation(summary = "List every policy, oldest first")
  public Uni<List<PolicyResponse>> list() {
    return repository.listByIdOrder().map(all -> all.stream().map(e -> PolicyResponse.of(store.stored(e), null)).toList());
  }

  @GET
  @Path("/{id}")
  @WithSession
  @Operation(summary = "One policy; 404 when absent")
  public Uni<PolicyResponse> get(@RestPath long id) {
    return find(id).map(e -> PolicyResponse.of(store.stored(e), null));
  }

  @GET
  @Path("/{id}/revisions")
  @WithSession
  @Operation(summary = "Every version of a policy, oldest first, including its deletion; 404 when it never existed")
  public Uni<List<PolicyResponse.Revision>> revisions(@RestPath long id) {
    return revisions.forPolicy(id).map(all -> {
      if (all.isEmpty()) {
        throw notFound(id);
      }
      return all.stream().map(store::revision).toList();
    });
  }

  @PUT
  @Path("/{id}")
  @Operation(summary = "Replace a policy", description = "The body must carry the version it was read at; 409 when it is stale, "
      + "when another policy has the workload, or when a ScalingPolicy resource owns the policy")
  public Uni<PolicyResponse> update(@RestPath long id, @RequestBody(content = @Content(schema = @Schema(implementation =
      PolicyDocument.class))) String json) throws JsonProcessingException {
    PolicyDocument body = store.parse(json);
    PolicyStore.Valid valid = PolicyStore.validate(body);
    if (body.version() == null) {
      throw new dev.plimsoll.scaler.web.FieldErrorsException(List.of(new Problem.FieldError("version",
          "must not be null: send the version you read")));
    }
    return store.checkWorkload(valid).chain(check -> transactional(() -> find(id)
        .invoke(PolicyResource::notOwnedByAResource)
        .chain(entity -> store.update(entity, valid, body.version(), PolicyEntity.SOURCE_API, null))
        .map(saved -> PolicyResponse.of(saved, PolicyStore.warnings(valid, check)))));
  }

  @DELETE
  @Path("/{id}")
  @WithTransaction
  @Operation(summary = "Delete a policy; 404 when absent, 409 when a ScalingPolicy resource owns it")
  public Uni<RestResponse<Void>> delete(@RestPath long id) {
    return find(id).invoke(PolicyResource::notOwnedByAResource).chain(store::delete).map(v -> RestResponse.noContent());
  }

  private static <T> Uni<T> transactional(java.util.function.Supplier<Uni<T>> work) {
    return io.quarkus.hibernate.reactive.panache.Panache.withTransaction(work);
  }

  private Uni<PolicyEntity> find(long id) {
    return repository.findById(id).onItem().ifNull().failWith(() -> notFound(id));
  }

  private static void notOwnedByAResource(PolicyEntity entity) {
    if (PolicyEntity.SOURCE_KUBERNETES.equals(entity.getSource())) {
      throw ProblemException.conflict("owned-by-resource", "Policy is owned by a ScalingPolicy resource",
          "policy " + entity.getId() + " comes from the ScalingPolicy resource " + entity.getResourceRef()
              + "; change or delete the resource (kubectl edit scalingpolicy) instead");
    }
  }

  private static ProblemException notFound(long id) {
    return ProblemException.notFound("unknown-policy", "Unknown policy", "no policy with id " + id);
  }
}
