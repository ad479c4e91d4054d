package dev.plimsoll.collector.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.events.MetricSnapshot.Signal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Signals answered by an external Prometheus ({@code collector.prometheus.<id>}). Every snapshot tick
 * asks each one once per workload, without blocking and within its timeout; the snapshot uses the last
 * answer, which turns stale when it gets older than the staleness limit. A failed, empty or NaN answer
 * gives no value (never zero), with the reason kept for {@code /api/v1/signals}.
 */
@ApplicationScoped
public class ExternalSignals {
  private static final Logger LOG = Logger.getLogger(ExternalSignals.class);

  private final WebClient client;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Map<String, CollectorConfig.PrometheusSource> sources;
  private final String window;
  private final Duration staleness;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

  /** The last answer for a signal and workload. */
  public record Answer(SignalEvaluator.Result result, Instant at) {}

  public ExternalSignals(WebClient client, ObjectMapper mapper, Clock clock, CollectorConfig config) {
    this.client = client;
    this.mapper = mapper;
    this.clock = clock;
    this.sources = config.prometheus();
    this.window = config.signalWindow().toMillis() + "ms";
    this.staleness = config.staleness();
  }

  /** Starts a query for the signal and workload unless one is still running. */
  public void refresh(SignalDefinition d, String workload) {
    CollectorConfig.PrometheusSource source = sources.get(d.prometheus());
    String key = key(d, workload);
    if (source == null || inFlight.putIfAbsent(key, Boolean.TRUE) != null) {
      return;
    }
    Instant at = clock.instant();
    ask(source, d.queryFor(workload, window), at).subscribe().with(result -> {
      answers.put(key, new Answer(result, at));
      inFlight.remove(key);
    }, failure -> {
      answers.put(key, new Answer(new SignalEvaluator.Result(null, describe(failure, source)), at));
      inFlight.remove(key);
    });
  }

  /** The signal as a snapshot carries it: the last answer, stale when old; no value before the first. */
  public Signal signal(SignalDefinition d, String workload, Instant now) {
    Answer a = answers.get(key(d, workload));
    if (a == null || a.result().value() == null) {
      return new Signal(null, null, false);
    }
    return new Signal(a.result().value(), a.at(), a.at().plus(staleness).isBefore(now));
  }

  public Answer last(SignalDefinition d, String workload) {
    return answers.get(key(d, workload));
  }

  Uni<SignalEvaluator.Result> ask(CollectorConfig.PrometheusSource source, String query, Instant at) {
    String base = source.url().endsWith("/") ? source.url().substring(0, source.url().length() - 1) : source.url();
    var request = client.getAbs(base + "/api/v1/query")
        .addQueryParam("query", query)
        .addQueryParam("time", Double.toString(at.toEpochMilli() / 1000.0))
        .putHeader("Accept", "application/json")
        .timeout(source.timeout().toMillis());
    source.bearerToken().ifPresent(t -> request.putHeader("Authorization", "Bearer " + t));
    if (source.username().isPresent()) {
      String pair = source.username().get() + ":" + source.password().orElse("");
      request.putHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return request.send().ifNoItem().after(source.timeout()).fail().map(this::read);
  }

  private SignalEvaluator.Result read(HttpResponse<Buffer> response) {
    JsonNode body = null;
    try {
      if (response.body() != null) {
        body = mapper.readTree(response.body().getBytes());
      }
    } catch (java.io.IOException e) {
      // not JSON: reported below
    }
    return PrometheusAnswer.read(response.statusCode(), body);
  }

  private static String describe(Throwable failure, CollectorConfig.PrometheusSource source) {
    String text = failure instanceof io.smallrye.mutiny.TimeoutException || failure instanceof java.util.concurrent.TimeoutException
        ? "no answer within " + source.timeout().toMillis() + " ms"
        : dev.plimsoll.collector.failure.FailureText.describe(failure, source.timeout());
    LOG.debugf("query to %s failed: %s", source.url(), text);
    return source.url() + ": " + text;
  }

  private static String key(SignalDefinition d, String workload) {
    return d.name() + "@" + workload;
  }
}
