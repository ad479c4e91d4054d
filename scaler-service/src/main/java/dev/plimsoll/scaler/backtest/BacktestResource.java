package dev.plimsoll.scaler.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.plimsoll.backtest.Autoscaler;
import dev.plimsoll.backtest.Backtest;
import dev.plimsoll.backtest.Baselines;
import dev.plimsoll.backtest.Observation;
import dev.plimsoll.backtest.PolicyAutoscaler;
import dev.plimsoll.backtest.Sweep;
import dev.plimsoll.events.Problem.FieldError;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.TraceFormat;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.TraceFormatException;
import dev.plimsoll.fleet.trace.Traces;
import dev.plimsoll.scaler.config.ScalerConfig;
import dev.plimsoll.scaler.policy.PolicyDocuments;
import dev.plimsoll.scaler.web.FieldErrorsException;
import dev.plimsoll.scaler.web.ProblemException;
import dev.plimsoll.scaling.MetricSpec;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Backtests ({@code /api/v1/backtests}): replay a trace through the fleet model under the baselines and Plimsoll's
 * policy (and a policy of your own), all decided by the scaler's own engine; asynchronous, with progress, results,
 * timelines (CSV, JSON) and a chart (PNG).
 */
@Path("/api/v1/backtests")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {
  private static final List<String> SIGNALS = Observation.SIGNALS;

  private final BacktestJobs jobs;
  private final ObjectReader strict;
  private final int maxRequests;
  private final int maxSearchRequests;

  public BacktestResource(BacktestJobs jobs, ObjectMapper mapper, ScalerConfig config) {
    this.jobs = jobs;
    this.strict = mapper.readerFor(BacktestRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.maxRequests = config.backtest().maxRequests();
    this.maxSearchRequests = config.backtest().maxSearchRequests();
  }

  /** A job's state, with links to its outputs once it is done. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(String id, String state, Instant created, String trace, Backtest.Slo slo, double warmupSeconds, int initialReplicas,
      double terminationGraceSeconds, int done, int total, String error, Double oracleGpuHours, List<Figures> results,
      List<Figures> hindsight, SweepResult sweep, Links links) {}

  /** One run's figures (its timeline is at the links: {@code timeline.csv}, {@code timeline.json}, {@code chart.png}). */
  public record Figures(String autoscaler, double gpuHours, double requestAttainment, double minuteAttainment, long requests, long completed,
      long dropped, int scaleActions, double peakQueue) {
    static List<Figures> of(List<Backtest.Result> results) {
      return results.stream().map(r -> new Figures(r.autoscaler(), r.gpuHours(), r.requestAttainment(), r.minuteAttainment(), r.requests(),
          r.completed(), r.dropped(), r.scaleActions(), r.peakQueue())).toList();
    }
  }

  /** The sweep of Plimsoll's policy over its load targets: every point, and the cheapest that met the SLO (null: none did). */
  public record SweepResult(List<SweepPoint> points, SweepPoint cheapest) {}

  /** One pair of targets ({@code e2eLoadTarget} 0: {@code e2e_load} left out) and what the policy did with them. */
  public record SweepPoint(double workLoadTarget, double e2eLoadTarget, double gpuHours, double minuteAttainment, double requestAttainment) {
    static SweepPoint of(Sweep.Point p) {
      return new SweepPoint(p.targets().workLoad(), p.targets().e2eLoad(), p.result().gpuHours(), p.result().minuteAttainment(),
          p.result().requestAttainment());
    }
  }

  public record Links(String self, String timelineCsv, String timelineJson, String chart) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start a backtest: 202 with its location; poll it for progress and results")
  public RestResponse<Status> start(String body, UriInfo uri) throws JsonProcessingException {
    BacktestRequest r = body == null || body.isBlank() ? null : strict.readValue(body);
    if (r == null) {
      throw new FieldErrorsException(List.of(new FieldError("body", "is required")));
    }
    List<FieldError> errors = new ArrayList<>();
    ModelProfile profile = ModelProfile.named(r.profile() == null ? ModelProfile.LLAMA_3_1_8B_H100.name() : r.profile()).orElse(null);
    if (profile == null) {
      errors.add(new FieldError("profile", "unknown profile; known: " + ModelProfile.known().stream().map(ModelProfile::name).toList()));
    }
    double scale = r.timeScale() == null ? 1 : r.timeScale();
    if (!(scale > 0 && scale <= Backtest.MAX_TIME_SCALE)) {
      errors.add(new FieldError("timeScale", "must be in (0, 1000]"));
    }
    int maxGpus = r.maxGpus() == null ? 64 : r.maxGpus();
    if (maxGpus < 1 || maxGpus > Backtest.MAX_GPUS) {
      errors.add(new FieldError("maxGpus", "must be 1..100000"));
    }
    Double ttft = r.slo() == null ? null : r.slo().ttftSeconds();
    Double e2e = r.slo() == null ? null : r.slo().e2eSeconds();
    if (ttft != null && !(ttft > 0 && ttft < Backtest.MAX_SLO_SECONDS) || e2e != null && !(e2e > 0 && e2e < Backtest.MAX_SLO_SECONDS)) {
      errors.add(new FieldError("slo", "ttftSeconds and e2eSeconds must be positive (seconds, below 1e6)"));
    }
    double grace = r.terminationGraceSeconds() == null ? Backtest.TERMINATION_GRACE_SECONDS : r.terminationGraceSeconds();
    if (!(grace >= 0 && grace <= Backtest.MAX_TERMINATION_GRACE_SECONDS)) {
      errors.add(new FieldError("terminationGraceSeconds", "must be 0..3600 (seconds a removed replica finishes its requests)"));
    }
    Trace trace = trace(r.trace(), errors);
    if (trace != null && trace.size() > maxRequests) {
      errors.add(new FieldError("trace", "has " + trace.size() + " requests; at most " + maxRequests + " (scaler.backtest.max-requests)"));
    }
    boolean hindsight = Boolean.TRUE.equals(r.hindsight());
    boolean sweep = Boolean.TRUE.equals(r.sweep());
    if (trace != null && (hindsight || sweep) && trace.size() > maxSearchRequests && trace.size() <= maxRequests) {
      // each replays the trace dozens of times (the sweep 90) on the one backtest thread
      errors.add(new FieldError(hindsight ? "hindsight" : "sweep", "replays the trace dozens of times: at most "
          + maxSearchRequests + " requests with hindsight or sweep (scaler.backtest.max-search-requests), the trace has " + trace.size()));
    }
    if (trace != null && scale > 0 && scale <= Backtest.MAX_TIME_SCALE && trace.spanSeconds() * scale > Backtest.MAX_SPAN_SECONDS) {
      errors.add(new FieldError("trace", String.format(java.util.Locale.ROOT, "spans %.0f s (time-scaled); at most %.0f s (31 days):"
          + " send a window of it", trace.spanSeconds() * scale, Backtest.MAX_SPAN_SECONDS)));
    }
    List<Autoscaler> autoscalers = new ArrayList<>();
    if (profile != null) {
      int maxReplicas = Math.max(1, maxGpus / profile.gpusPerReplica());
      List<Autoscaler> known = Baselines.all(profile, maxReplicas);
      List<String> names = r.autoscalers() == null ? known.stream().map(Autoscaler::name).toList() : r.autoscalers();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        Autoscaler a = known.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
        if (a == null) {
          errors.add(new FieldError("autoscalers[" + i + "]", "unknown; known: " + known.stream().map(Autoscaler::name).toList()));
        } else {
          autoscalers.add(a);
        }
      }
      if (r.policy() != null) {
        PolicyDocuments.Result p = PolicyDocuments.map(r.policy(), "policy", false);
        p.errors().forEach(errors::add);
        if (p.ok()) {
          for (MetricSpec m : p.policy().spec().metrics()) {
            if (!SIGNALS.contains(m.name())) {
              errors.add(new FieldError("policy.metrics", m.name() + " is not a backtest signal: " + SIGNALS));
            }
          }
          autoscalers.add(new PolicyAutoscaler("custom", p.policy(), 1));
        }
      }
      if (autoscalers.isEmpty() && errors.isEmpty()) {
        errors.add(new FieldError("autoscalers", "name at least one, or give a policy"));
      }
    }
    if (!errors.isEmpty()) {
      throw new FieldErrorsException(errors);
    }
    if (scale != 1) {
      trace = Traces.timeScaled(trace, scale);
    }
    Backtest.Slo slo = Backtest.Slo.forTrace(trace, profile).with(ttft, e2e);
    BacktestJobs.Job job = jobs.submit(trace, Backtest.Setup.forTrace(trace, profile, maxGpus, slo).withTerminationGrace(grace),
        autoscalers, new BacktestJobs.Extras(hindsight, sweep, Math.max(1, maxGpus / profile.gpusPerReplica())));
    URI location = uri.getAbsolutePathBuilder().path(job.id).build();
    return RestResponse.ResponseBuilder.<Status>create(RestResponse.Status.ACCEPTED).location(location).entity(status(job)).build();
  }

  @GET
  @Operation(summary = "The newest backtests first (the last 50 are kept)")
  public List<Status> list() {
    return jobs.all().stream().map(BacktestResource::status).toList();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A backtest's state, progress and, once done, results and links")
  public Status get(@RestPath String id) {
    return status(job(id));
  }

  @GET
  @Path("/{id}/timeline.csv")
  @Produces("text/csv")
  public String csv(@RestPath String id) {
    return done(job(id)).csv;
  }

  @GET
  @Path("/{id}/timeline.json")
  public String json(@RestPath String id) {
    return done(job(id)).json;
  }

  @GET
  @Path("/{id}/chart.png")
  @Produces("image/png")
  public byte[] chart(@RestPath String id) {
    return done(job(id)).png;
  }

  @GET
  @Path("/{id}/table")
  @Produces(MediaType.TEXT_PLAIN)
  public String table(@RestPath String id) {
    return done(job(id)).table;
  }

  private BacktestJobs.Job job(String id) {
    BacktestJobs.Job job = jobs.get(id);
    if (job == null) {
      throw ProblemException.notFound("unknown-backtest", "Unknown backtest", "no backtest " + id + " (the last " + BacktestJobs.KEPT
          + " are kept)");
    }
    return job;
  }

  private static BacktestJobs.Job done(BacktestJobs.Job job) {
    if (!"done".equals(job.state)) {
      throw ProblemException.conflict("backtest-not-done", "Backtest not done", "backtest " + job.id + " is " + job.state
          + (job.error == null ? "" : ": " + job.error));
    }
    return job;
  }

  private static Status status(BacktestJobs.Job j) {
    String self = "/api/v1/backtests/" + j.id;
    boolean done = "done".equals(j.state);
    return new Status(j.id, j.state, j.created, j.traceSummary, j.setup.slo(), j.setup.warmupSeconds(), j.setup.initialReplicas(),
        j.setup.terminationGraceSeconds(), j.done.get(), j.total, j.error, j.oracleGpuHours,
        done ? Figures.of(List.copyOf(j.results)) : null,
        done && j.extras.hindsight() ? Figures.of(List.copyOf(j.hindsightResults)) : null,
        done && j.extras.sweep() ? sweep(List.copyOf(j.sweepPoints)) : null,
        new Links(self, done ? self + "/timeline.csv" : null, done ? self + "/timeline.json" : null, done ? self + "/chart.png" : null));
  }

  private static SweepResult sweep(List<Sweep.Point> points) {
    return new SweepResult(points.stream().map(SweepPoint::of).toList(), Sweep.cheapestMeetingSlo(points).map(SweepPoint::of).orElse(null));
  }


  private static Trace trace(BacktestRequest.TraceSpec t, List<FieldError> errors) {
    if (t == null || t.format() == null) {
      errors.add(new FieldError("trace.format", "is required: azure, burstgpt, mooncake (with content) or synthetic"));
      return null;
    }
    try {
      if (t.format().equals("synthetic")) {
        return synthetic(t);
      }
      Optional<TraceFormat> format = TraceFormat.named(t.format());
      if (format.isEmpty()) {
        errors.add(new FieldError("trace.format", "must be azure, burstgpt, mooncake or synthetic"));
        return null;
      }
      if (t.content() == null || t.content().isBlank()) {
        errors.add(new FieldError("trace.content", "is required: the trace's text (CSV or JSON Lines)"));
        return null;
      }
      return format.get().read(new StringReader(t.content()));
    } catch (TraceFormatException e) {
      errors.add(new FieldError("trace.content", e.getMessage()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("trace", e.getMessage()));
    } catch (IOException e) {
      errors.add(new FieldError("trace.content", "could not be read: " + e.getMessage()));
    }
    return null;
  }

  /** The synthetic generator's trace, its fields' defaults filled in. */
  private static Trace synthetic(BacktestRequest.TraceSpec t) {
    List<Traces.Burst> bursts = new ArrayList<>();
    if (t.bursts() != null) {
      for (BacktestRequest.Burst b : t.bursts()) {
        bursts.add(new Traces.Burst(b.start() == null ? 0 : b.start(), b.seconds() == null ? 0 : b.seconds(),
            b.multiplier() == null ? 0 : b.multiplier()));
      }
    }
    double seconds = t.seconds() == null ? 3600 : t.seconds();
    return Traces.synthetic(new Traces.Synthetic(seconds, t.ratePerSecond() == null ? 5 : t.ratePerSecond(),
        t.diurnalAmplitude() == null ? 0 : t.diurnalAmplitude(), t.diurnalPeriodSeconds() == null ? 86_400 : t.diurnalPeriodSeconds(),
        bursts, t.meanPromptTokens() == null ? 1000 : t.meanPromptTokens(), t.meanOutputTokens() == null ? 200 : t.meanOutputTokens(),
        t.seed() == null ? 1 : t.seed()));
  }
}
