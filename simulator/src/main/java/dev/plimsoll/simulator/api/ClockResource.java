package dev.plimsoll.simulator.api;

import dev.plimsoll.simulator.sim.Simulation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The simulated clock and how far the trace has played. */
@Path("/api/v1/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

  private final Simulation simulation;

  public ClockResource(Simulation simulation) {
    this.simulation = simulation;
  }

  @GET
  public ClockView get() {
    return simulation.read(view -> new ClockView(view.instantAt(view.seconds()), view.speedup(), view.released(),
        view.traceRequests()));
  }
}
