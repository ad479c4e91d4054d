package dev.plimsoll.scaler.evaluate;

import dev.plimsoll.events.Problem;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.scaler.web.FieldErrorsException;
import dev.plimsoll.scaler.policy.PolicyDocument;
import dev.plimsoll.scaler.policy.PolicyDocuments;
import dev.plimsoll.scaling.Evaluation;
import dev.plimsoll.scaling.History;
import dev.plimsoll.scaling.PolicyDecision;
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
  /** The most points one signal of a dry run may carry (an hour at 1 s is 3,600). */
  static final int MAX_POINTS = 20_000;

  private final DryEvaluator evaluator = new DryEvaluator();
  private final Clock clock;
  private final com.fasterxml.jackson.databind.ObjectReader strict;

  public EvaluateResource(Clock clock, com.fasterxml.jackson.databind.ObjectMapper mapper) {
    this.clock = clock;
    // Read strictly, as policies are: a misspelt field is an error, not silently ignored.
    this.strict = mapper.readerFor(Request.class).with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * @param policy the policy, as stored ({@link PolicyDocument}; workload and mode are not needed)
   * @param currentReplicas the workload's replicas now
   * @param readyReplicas how many of them serve (the others are loading); defaults to currentReplicas
   * @param signals per signal name, its points {@code [{"at", "value"}]} (value null = no data)
   * @param scaleEvents recent scale changes {@code [{"at", "change"}]} (+ added, − removed)
   * @param recommendations recommendations recorded before, if any {@code [{"at", "replicas"}]}
   * @param time when to evaluate; defaults to now
   * @param maxSignalAgeSeconds a signal point older than this at a given time is missing data; default 30
   */
  public record Request(PolicyDocument policy, Integer currentReplicas, Integer readyReplicas, Map<String, List<DryEvaluator.Point>> signals,
      List<History.ScaleEvent> scaleEvents, List<History.Recommendation> recommendations, Instant time, Integer maxSignalAgeSeconds) {}

  /**
   * The decision and how it came about: the engine's steps (metrics, raw proposal, after stabilization, after
   * rate limits and bounds, its reason), then each layer (schedule bounds, panic, forecast, fallback) and the
   * final count and reason.
   */
  public record Response(int currentReplicas, int desiredReplicas, boolean rescale, String reason, String message,
      List<Evaluation.MetricProposal> metrics, Integer rawProposal, Integer afterStabilization, String stabilization,
      Integer afterRateLimitsAndBounds, String engineReason, int minReplicas, int maxReplicas, String schedule, boolean panicking,
      Integer panicProposal, Integer predicted, int failuresInARow, Integer fallback, List<History.Recommendation> recommendations,
      Instant time) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "What the engine would decide, with every intermediate value; changes nothing")
  @APIResponse(responseCode = "200", description = "the decision")
  @APIResponse(responseCode = "400", description = "invalid request, every field named",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Response evaluate(@org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(schema = @Schema(
      implementation = Request.class))) String json) throws com.fasterxml.jackson.core.JsonProcessingException {
    Request request = json == null || json.isBlank() ? null : strict.readValue(json);
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      throw new FieldErrorsException(List.of(new FieldError("", "a JSON body is required")));
    }
    PolicyDocuments.Result spec = PolicyDocuments.map(request.policy(), "policy", false);
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
        if (points == null) {
          errors.add(new FieldError("signals." + name, "must be a list of points"));
        } else if (points.size() > MAX_POINTS) {
          errors.add(new FieldError("signals." + name, "has " + points.size() + " points; at most " + MAX_POINTS + " a signal"));
        }
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
    DryEvaluator.Result r = evaluator.evaluate(spec.policy(), current, ready, request.signals() == null ? Map.of() : request.signals(), events,
        recorded, time, Duration.ofSeconds(maxAge));
    PolicyDecision d = r.decision();
    Evaluation e = d.engine();
    return new Response(e.currentReplicas(), d.desiredReplicas(), d.rescale(), d.reason().hpaName(), d.message(), e.metrics(),
        e.rawProposal(), e.stabilized(), e.stabilization(), e.limited(), e.reason().hpaName(), d.minReplicas(), d.maxReplicas(), d.schedule(),
        d.panicking(), d.panicProposal(), d.predicted(), d.failuresInARow(), d.fallback(), r.recommendations(), time);
  }
}
