package dev.plimsoll.gpu.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The collector's Prometheus query API; URL and timeouts under {@code quarkus.rest-client.collector.*}. */
@RegisterRestClient(configKey = "collector")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface CollectorQueryClient {

  @GET
  @Path("/query")
  Uni<JsonNode> query(@QueryParam("query") String query);
}
