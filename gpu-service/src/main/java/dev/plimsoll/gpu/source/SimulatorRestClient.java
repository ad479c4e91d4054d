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
interface SimulatorRestClient {

  @GET
  @Path("/nodes")
  @Produces(MediaType.APPLICATION_JSON)
  Uni<List<SimulatorNode>> nodes();
}
