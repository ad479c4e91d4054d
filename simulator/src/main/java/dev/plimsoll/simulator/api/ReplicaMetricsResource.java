package dev.plimsoll.simulator.api;

import dev.plimsoll.fleet.ReplicaMetrics;
import dev.plimsoll.simulator.exposition.PrometheusText;
import dev.plimsoll.simulator.exposition.VllmExposition;
import dev.plimsoll.simulator.sim.Simulation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Each READY replica's vLLM {@code /metrics}, for the collector to scrape. */
@Path("/fleets/{fleet}/replicas/{id}/metrics")
public class ReplicaMetricsResource {

  private final Simulation simulation;

  public ReplicaMetricsResource(Simulation simulation) {
    this.simulation = simulation;
  }

  @GET
  public Response metrics(@PathParam("fleet") String fleet, @PathParam("id") String id) {
    ReplicaMetrics metrics = simulation.replicaMetrics(fleet, id); // copied under the lock, rendered outside it
    return Response.ok(VllmExposition.render(metrics)).type(PrometheusText.CONTENT_TYPE).build();
  }
}
