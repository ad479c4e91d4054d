package dev.plimsoll.scaler.gpu;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The gpu-service's headroom question (docs/contracts.md, "GPU API"). Base URL and timeouts: {@code quarkus.rest-client.gpu.*}. */
@RegisterRestClient(configKey = "gpu")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface GpuServiceClient {

  /** {@code GET /api/v1/headroom?workload=}: how many more replicas of the workload fit now. */
  @GET
  @Path("/headroom")
  Uni<Headroom> headroom(@QueryParam("workload") String workload);

  /** The part of the answer the scaler reads; {@code replicasThatFit} null: unknown (no GPU need, or no inventory). */
  record Headroom(String workload, Long replicasThatFit, String reason) {}
}
