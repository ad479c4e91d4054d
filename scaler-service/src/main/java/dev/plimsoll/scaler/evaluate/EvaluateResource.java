package dev.plimsoll.scaler.evaluate;

import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.scaler.web.FieldErrorsException;
import dev.plimsoll.scaling.Evaluation;
import dev.plimsoll.scaling.History;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Dry evaluation: what the engine would decide for a policy, given replicas, a signal history, recent
 * scale events and a time, with every intermediate value. Changes nothing; for tuning policies.
 */
@Path("/api/v1/evaluate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dry evaluation")
public class EvaluateResource {
  private final DryEvaluator evaluator = new DryEvaluator();
  private final Clock clock;

  public EvaluateResource(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param policy the policy, autoscaling/v2-shaped
   * @param currentReplicas the workload's replicas now
   * @param readyReplicas how many of them serve (the others are loading); defaults to currentReplicas
   * @param signals per signal name, its points {@code [{"at", "value"}]} (value null = no data)
   * @param scaleEvents recent scale changes {@code [{"at", "change"}]} (+ added, − removed)
   * @param recommendations recommendations recorded before, if any {@code [{"at", "replicas"}]}
   * @param time when to evaluate; defaults to now
   * @param maxSignalAgeSeconds a signal point older than this at a given time is missing data; default 30
   */
  public record Request(PolicySpecBody policy, Integer currentReplicas, Integer readyReplicas, Map<String, List<DryEvaluator.Point>> signals,
      List<History.ScaleEvent> scaleEvents, List<History.Recommendation> recommendations, Instant time, Integer maxSignalAgeSeconds) {}

  /** The decision and how it came about. */
  public record Response(int currentReplicas, int desiredReplicas, boolean rescale, String reason, String message,
      List<Evaluation.MetricProposal> metrics, Integer rawProposal, Integer afterStabilization, String stabilization,
      Integer afterRateLimitsAndBounds, List<History.Recommendation> recommendations, Instant time) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "What the engine would decide, with every intermediate value; changes nothing")
  @APIResponse(responseCode = "200", description = "the decision")
  @APIResponse(responseCode = "400", description = "invalid request, every field named",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Response evaluate(Request request) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      throw new FieldErrorsException(List.of(new FieldError("", "a JSON body is required")));
    }
    SpecMapper.Result spec = SpecMapper.map(request.policy(), "policy");
    errors.addAll(spec.errors());
    if (request.currentReplicas() == null || request.currentReplicas() < 0) {
      errors.add(new FieldError("currentReplicas", "is required and must be 0 or more"));
    }
    int current = request.currentReplicas() == null ? 0 : request.currentReplicas();
    int ready = request.readyReplicas() == null ? current : request.readyReplicas();
    if (ready < 0 || ready > current) {
      errors.add(new FieldError("readyReplicas", "must be between 0 and currentReplicas"));
    }
    if (request.signals() != null) {
      request.signals().forEach((name, points) -> {
        for (int i = 0; points != null && i < points.size(); i++) {
          if (points.get(i) == null || points.get(i).at() == null) {
            errors.add(new FieldError("signals." + name + "[" + i + "].at", "is required"));
          }
        }
      });
    }
    List<History.ScaleEvent> events = request.scaleEvents() == null ? List.of() : request.scaleEvents();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) == null || events.get(i).at() == null) {
        errors.add(new FieldError("scaleEvents[" + i + "].at", "is required"));
      }
    }
    List<History.Recommendation> recorded = request.recommendations() == null ? List.of() : request.recommendations();
    for (int i = 0; i < recorded.size(); i++) {
      if (recorded.get(i) == null || recorded.get(i).at() == null) {
        errors.add(new FieldError("recommendations[" + i + "].at", "is required"));
      }
    }
    int maxAge = request.maxSignalAgeSeconds() == null ? 30 : request.maxSignalAgeSeconds();
    if (maxAge <= 0) {
      errors.add(new FieldError("maxSignalAgeSeconds", "must be positive"));
    }
    if (!errors.isEmpty()) {
      throw new FieldErrorsException(errors);
    }
    Instant time = request.time() == null ? clock.instant() : request.time();
    DryEvaluator.Result r = evaluator.evaluate(spec.spec(), current, ready, request.signals() == null ? Map.of() : request.signals(), events,
        recorded, time, Duration.ofSeconds(maxAge));
    Evaluation e = r.evaluation();
    return new Response(e.currentReplicas(), e.desiredReplicas(), e.rescale(), e.reason().hpaName(), e.message(), e.metrics(), e.rawProposal(),
        e.stabilized(), e.stabilization(), e.limited(), r.recommendations(), time);
  }
}
