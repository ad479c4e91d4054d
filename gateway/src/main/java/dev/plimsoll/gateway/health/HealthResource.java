package dev.plimsoll.gateway.health;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The suite's aggregated readiness: which services are up, and which are down and why. */
@Path("/api/health")
public class HealthResource {

  private final ServiceProber prober;

  public HealthResource(ServiceProber prober) {
    this.prober = prober;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Readiness of every service behind the gateway")
  @APIResponse(responseCode = "200", description = "Every service is ready")
  @APIResponse(responseCode = "503", description = "At least one service is down; `down` names them")
  public Uni<Response> health() {
    return prober.probeAll().map(aggregate -> Response.status(aggregate.up() ? 200 : 503).entity(aggregate).build());
  }
}
