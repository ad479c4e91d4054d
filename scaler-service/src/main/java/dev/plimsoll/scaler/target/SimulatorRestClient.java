package dev.plimsoll.scaler.target;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The simulator's platform API (docs/contracts.md, "Simulator API"). Base URL and timeouts:
 * {@code quarkus.rest-client.simulator.*}. Non-2xx answers fail with a {@code WebApplicationException}.
 */
@RegisterRestClient(configKey = "simulator")
@Path("/api/v1/fleets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SimulatorRestClient {

  /** Every fleet, as raw JSON: only used to see that the simulator answers. */
  @GET
  Uni<String> fleets();

  @GET
  @Path("/{name}/scale")
  Uni<FleetScale> scale(@RestPath String name);

  @PUT
  @Path("/{name}/scale")
  Uni<FleetScale> scale(@RestPath String name, ScaleRequest body);

  /** {@code {"workload":"simulated/demo/Fleet/chat","replicas":2,"readyReplicas":1}} */
  record FleetScale(String workload, int replicas, int readyReplicas) {}

  /** {@code {"replicas":3}} */
  record ScaleRequest(int replicas) {}
}
