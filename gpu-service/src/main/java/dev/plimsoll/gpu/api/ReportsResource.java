package dev.plimsoll.gpu.api;

import dev.plimsoll.gpu.cluster.Fragmentation;
import dev.plimsoll.gpu.config.GpuConfig;
import dev.plimsoll.gpu.dcgm.GpuAlerts;
import dev.plimsoll.gpu.dcgm.GpuLive;
import dev.plimsoll.gpu.live.LiveGpus;
import dev.plimsoll.gpu.placement.ClusterView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The GPUs' live state (DCGM) and the reports built on it and on the allocations. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {
  private final LiveGpus live;
  private final ClusterView view;
  private final GpuConfig config;
  private final Clock clock;

  public ReportsResource(LiveGpus live, ClusterView view, GpuConfig config, Clock clock) {
    this.live = live;
    this.view = view;
    this.config = config;
    this.clock = clock;
  }

  /** Every GPU DCGM reports, with its health; {@code lastError} when the newest reading failed. */
  public record GpusResponse(Instant observedAt, String lastError, List<Gpu> gpus) {}

  /** One GPU's live state and, when it must not take new work, why. */
  public record Gpu(GpuLive live, Double busy, Double memoryUsed, String unhealthy) {}

  @GET
  @Path("/gpus")
  @Operation(summary = "Every GPU dcgm-exporter reports (through the collector): utilisation, engine activity, framebuffer, power, "
      + "temperature, XID, pod attribution and health")
  public GpusResponse gpus() {
    LiveGpus.Reading r = live.reading();
    return new GpusResponse(r.observedAt(), r.lastError(), r.gpus().stream().map(g -> new Gpu(g, g.busy(), g.memoryUsed(), g.unhealthy())).toList());
  }

  /** GPUs held by a pod and idle for the window (waste). */
  public record IdleReport(double busyThreshold, long windowMinutes, List<GpuAlerts.Idle> idle) {}

  @GET
  @Path("/reports/idle")
  @Operation(summary = "GPUs held by a pod whose engine stayed below the busy threshold for the idle window (gpu.dcgm.idle-*)")
  public IdleReport idle() {
    return new IdleReport(config.dcgm().idleBusy(), config.dcgm().idleWindow().toMinutes(), live.idle());
  }

  /** GPUs whose framebuffer is above the threshold (out-of-memory risk). */
  public record PressureReport(double threshold, List<GpuLive> gpus) {}

  @GET
  @Path("/reports/memory-pressure")
  @Operation(summary = "GPUs whose used framebuffer share is at or above gpu.dcgm.memory-pressure (out-of-memory risk)")
  public PressureReport memoryPressure() {
    double threshold = config.dcgm().memoryPressure();
    return new PressureReport(threshold, live.reading().gpus().stream().filter(g -> g.memoryUsed() != null && g.memoryUsed() >= threshold)
        .toList());
  }

  @GET
  @Path("/reports/fragmentation")
  @Operation(summary = "Free GPU units no pending pod fits into (stranded), and pending pods that fit nowhere although enough units "
      + "are free in total")
  public Fragmentation.Report fragmentation() {
    ClusterView.Nodes nodes = view.nodes(clock.instant());
    return Fragmentation.of(nodes.nodes(), nodes.pods());
  }
}
