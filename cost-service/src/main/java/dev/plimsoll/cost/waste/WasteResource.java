package dev.plimsoll.cost.waste;

import dev.plimsoll.cost.config.CostConfig;
import dev.plimsoll.cost.report.InvalidParameterException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

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

  /**
   * The total over the stretches that overlap {@code [since, now]} (each counted from {@code since} at the earliest)
   * and the newest {@code limit} of them; {@code truncated} when there were more.
   */
  public record Waste(String currency, BigDecimal gpuHourPrice, Instant since, double gpuMinutes, BigDecimal cost, List<Stretch> stretches,
      boolean truncated) {}

  /** The window when {@code since} is not given. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  /** Stretches listed when {@code limit} is not given, and the most a request may ask for. */
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;

  @GET
  @WithSession
  @Operation(summary = "GPUs held by pods but idle (the gpu-service's idle reports): GPU-minutes and their cost since a time")
  public Uni<Waste> waste(
      @Parameter(description = "Count from this ISO-8601 instant (default: 30 days ago)") @QueryParam("since") String since,
      @Parameter(description = "List at most this many stretches, newest first (default 1000, at most 10000)") @QueryParam("limit")
      String limit) {
    Instant now = clock.instant();
    Instant from = parseSince(since, now);
    int max = parseLimit(limit);
    return stretches.find("endedAt is null or endedAt > ?1 order by startedAt desc", from).list().map(rows -> {
      List<Stretch> out = rows.stream().map(r -> {
        Instant start = r.getStartedAt().isBefore(from) ? from : r.getStartedAt();
        Instant end = r.getEndedAt() == null ? now : r.getEndedAt();
        return new Stretch(r.getNode(), r.getUuid(), r.getNamespace(), r.getPod(), r.getStartedAt(), r.getEndedAt(),
            Math.max(0, Duration.between(start, end).toSeconds() / 60.0));
      }).toList();
      double minutes = out.stream().mapToDouble(Stretch::gpuMinutes).sum();
      BigDecimal cost = config.gpuHourPrice().multiply(BigDecimal.valueOf(minutes)).divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
      return new Waste(config.currency(), config.gpuHourPrice(), from, minutes, cost, out.subList(0, Math.min(max, out.size())),
          out.size() > max);
    });
  }

  private static Instant parseSince(String since, Instant now) {
    return InvalidParameterException.instant("since", since, now.minus(DEFAULT_WINDOW), now, "now");
  }

  private static int parseLimit(String limit) {
    if (limit == null || limit.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(limit.strip());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidParameterException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }
}
