package dev.plimsoll.simulator.api;

import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.FleetReplica;
import dev.plimsoll.fleet.SimGpu;
import dev.plimsoll.simulator.config.SimulatorConfig;
import dev.plimsoll.simulator.sim.Simulation;
import dev.plimsoll.simulator.sim.UnknownFleetException;
import dev.plimsoll.simulator.telemetry.SimulatorMetrics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The simulated platform's fleets: list, inspect, read and set the replica count. */
@Path("/api/v1/fleets")
@Produces(MediaType.APPLICATION_JSON)
public class FleetResource {

  private final Simulation simulation;
  private final SimulatorConfig config;
  private final SimulatorMetrics metrics;

  public FleetResource(Simulation simulation, SimulatorConfig config, SimulatorMetrics metrics) {
    this.simulation = simulation;
    this.config = config;
    this.metrics = metrics;
  }

  @GET
  public List<FleetView> list(@Context UriInfo uri) {
    String base = baseUrl(uri);
    return simulation.read(view -> view.fleets().stream().map(f -> toView(view, f, base)).toList());
  }

  @GET
  @Path("/{name}")
  public FleetView get(@PathParam("name") String name, @Context UriInfo uri) {
    String base = baseUrl(uri);
    return simulation.read(view -> toView(view, view.fleet(name).orElseThrow(() -> new UnknownFleetException(name)), base));
  }

  @GET
  @Path("/{name}/scale")
  public ScaleStatus getScale(@PathParam("name") String name) {
    return simulation.read(view -> {
      Fleet f = view.fleet(name).orElseThrow(() -> new UnknownFleetException(name));
      return new ScaleStatus(view.workload(f), f.desiredReplicas(), f.readyReplicas());
    });
  }

  /** A load burst now, on top of the trace: {@code {"requests": 200, "promptTokens": 1000, "outputTokens": 200}}. */
  @POST
  @Path("/{name}/burst")
  @Consumes(MediaType.APPLICATION_JSON)
  public Simulation.BurstResult burst(@PathParam("name") String name, @Valid @NotNull BurstRequest request) {
    return simulation.burst(name, request.requests(), request.promptTokens() == null ? 1000 : request.promptTokens(),
        request.outputTokens() == null ? 200 : request.outputTokens());
  }

  @PUT
  @Path("/{name}/scale")
  @Consumes(MediaType.APPLICATION_JSON)
  public ScaleStatus putScale(@PathParam("name") String name, @Valid ScaleRequest request) {
    try {
      if (request == null) {
        throw new InvalidScaleException(List.of(new FieldError("replicas", "is required (body {\"replicas\": <n>})")));
      }
      if (request.replicas() > config.maxReplicas()) {
        throw new InvalidScaleException(List.of(new FieldError("replicas", "must be less than or equal to "
            + config.maxReplicas() + " (simulator.max-replicas)")));
      }
      Simulation.ScaleResult result = simulation.scale(name, request.replicas());
      metrics.scaleRequest("ok");
      return new ScaleStatus(result.workload(), result.replicas(), result.readyReplicas());
    } catch (InvalidScaleException e) {
      metrics.scaleRequest("invalid");
      throw e;
    } catch (UnknownFleetException e) {
      metrics.scaleRequest("unknown_fleet");
      throw e;
    }
  }

  private String baseUrl(UriInfo uri) {
    String base = config.publicUrl().filter(u -> !u.isBlank()).orElse(uri.getBaseUri().toString());
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Runs under the simulation lock: copies everything. */
  private static FleetView toView(Simulation.View view, Fleet f, String baseUrl) {
    List<ReplicaView> replicas = f.replicas().stream().map(r -> toView(view, f, r, baseUrl)).toList();
    return new FleetView(f.name(), view.namespace(), view.workload(f), f.desiredReplicas(), f.readyReplicas(),
        f.profile().gpusPerReplica(), f.profile().name(), f.pendingRequests(), f.rejectedRequests(), replicas);
  }

  private static ReplicaView toView(Simulation.View view, Fleet f, FleetReplica r, String baseUrl) {
    return new ReplicaView(r.id(), r.state(), r.node().orElse(null), r.gpus().stream().map(SimGpu::uuid).toList(),
        baseUrl + "/fleets/" + f.name() + "/replicas/" + r.id() + "/metrics", view.instantAt(r.createdAt()),
        r.readyAt().isPresent() ? view.instantAt(r.readyAt().getAsDouble()) : null);
  }
}
