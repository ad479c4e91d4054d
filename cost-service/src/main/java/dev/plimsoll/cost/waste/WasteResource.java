package dev.plimsoll.cost.waste;

import dev.plimsoll.cost.config.CostConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Waste: GPUs held by pods but idle, priced at the GPU-hour price ({@code GET /api/v1/waste}). */
@Path("/api/v1/waste")
@Produces(MediaType.APPLICATION_JSON)
public class WasteResource {
  private final IdleGpuListener stretches;
  private final CostConfig config;
  private final Clock clock;

  public WasteResource(IdleGpuListener stretches, CostConfig config, Clock clock) {
    this.stretches = stretches;
    this.config = config;
    this.clock = clock;
  }

  /** One idle stretch; {@code endedAt} null while it goes on (its minutes count until now). */
  public record Stretch(String node, String uuid, String namespace, String pod, Instant startedAt, Instant endedAt, double gpuMinutes) {}

  /** The total and every stretch, newest first. */
  public record Waste(String currency, BigDecimal gpuHourPrice, double gpuMinutes, BigDecimal cost, List<Stretch> stretches) {}

  @GET
  @WithSession
  @Operation(summary = "GPUs held by pods but idle (the gpu-service's idle reports): GPU-minutes and their cost")
  public Uni<Waste> waste() {
    Instant now = clock.instant();
    return stretches.find("order by startedAt desc").list().map(rows -> {
      List<Stretch> out = rows.stream().map(r -> new Stretch(r.getNode(), r.getUuid(), r.getNamespace(), r.getPod(), r.getStartedAt(),
          r.getEndedAt(), Duration.between(r.getStartedAt(), r.getEndedAt() == null ? now : r.getEndedAt()).toSeconds() / 60.0)).toList();
      double minutes = out.stream().mapToDouble(Stretch::gpuMinutes).sum();
      BigDecimal cost = config.gpuHourPrice().multiply(BigDecimal.valueOf(minutes)).divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
      return new Waste(config.currency(), config.gpuHourPrice(), minutes, cost, out);
    });
  }
}
