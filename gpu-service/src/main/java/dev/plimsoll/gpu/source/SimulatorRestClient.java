package dev.plimsoll.gpu.source;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The simulator's node API; URL and timeouts under {@code quarkus.rest-client.simulator.*}. */
@RegisterRestClient(configKey = "simulator")
@Path("/api/v1")
public interface SimulatorRestClient {

  @GET
  @Path("/nodes")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<List<SimulatorNode>> nodes();

  /** One fleet: only its GPUs per replica are read. */
  @GET
  @Path("/fleets/{name}")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<Fleet> fleet(@jakarta.ws.rs.PathParam("name") String name);

  /** The part of the simulator's fleet the GPU service reads; unknown fields are ignored. */
  record Fleet(String workload, int gpusPerReplica) {}
}
