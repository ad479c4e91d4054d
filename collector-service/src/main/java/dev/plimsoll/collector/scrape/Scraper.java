package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.failure.FailureText;
import dev.plimsoll.exposition.ExpositionFormat;
import dev.plimsoll.exposition.ExpositionParseException;
import dev.plimsoll.exposition.ExpositionReader;
import dev.plimsoll.exposition.ParseLimits;
import dev.plimsoll.exposition.SeriesCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Scrapes one target: a non-blocking GET of its metrics URL that prefers OpenMetrics and accepts the
 * text format 0.0.4 (and gzip), bounded by {@code collector.scrape-timeout} (from the request until the
 * body is parsed) and {@code collector.max-body-bytes}, then parsed off the event loop in the format
 * the response's Content-Type names, under {@code collector.limits.*}, through the target's series
 * cache.
 */
@ApplicationScoped
public class Scraper {
  static final String ACCEPT = ExpositionFormat.ACCEPT_HEADER;

  private final WebClient client;
  private final Vertx vertx;
  private final SeriesCaches caches;
  private final Clock clock;
  private final Duration timeout;
  private final long maxBodyBytes;
  private final int maxSeries;
  private final ExpositionReader text;
  private final ExpositionReader openMetrics;

  public Scraper(WebClient client, Vertx vertx, SeriesCaches caches, Clock clock, CollectorConfig config) {
    this.client = client;
    this.vertx = vertx;
    this.caches = caches;
    this.clock = clock;
    this.timeout = config.scrapeTimeout();
    this.maxBodyBytes = config.maxBodyBytes().asLongValue();
    CollectorConfig.Limits l = config.limits();
    ParseLimits limits = new ParseLimits(l.samplesPerScrape(), l.labelsPerSample(), l.labelNameLength(), l.labelValueLength());
    this.maxSeries = l.seriesPerTarget();
    this.text = new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, limits);
    this.openMetrics = new ExpositionReader(ExpositionFormat.OPENMETRICS, limits);
  }

  /** Scrapes the target once with the default timeout. Never fails: a failure is an outcome with its reason. */
  public Uni<ScrapeOutcome> scrape(ScrapeTarget target) {
    return scrape(target, timeout);
  }

  /** Scrapes the target once within {@code timeout}. Never fails: a failure is an outcome with its reason. */
  public Uni<ScrapeOutcome> scrape(ScrapeTarget target, Duration timeout) {
    return Uni.createFrom().deferred(() -> {
      Instant startedAt = clock.instant();
      long start = System.nanoTime();
      return fetch(target, timeout)
          .chain(body -> vertx.executeBlocking(() -> parse(target, body), false))
          .ifNoItem().after(timeout).failWith(TimeoutException::new)
          .map(samples -> ScrapeOutcome.success(target, startedAt, since(start), samples))
          .onFailure().recoverWithItem(e -> ScrapeOutcome.failure(target, startedAt, since(start), describe(e, timeout)));
    });
  }

  private ScrapedSamples parse(ScrapeTarget target, Body body) {
    ExpositionReader reader = ExpositionFormat.fromContentType(body.contentType()) == ExpositionFormat.OPENMETRICS ? openMetrics : text;
    ScrapedSamples samples = new ScrapedSamples(maxSeries);
    SeriesCache cache = caches.of(target.url());
    synchronized (cache) {
      reader.read(body.bytes(), cache, samples);
    }
    int distinct = samples.distinctSeriesOverLimit();
    if (distinct > 0) {
      throw new ScrapeException("the target exposes " + distinct + " series, more than the limit of " + maxSeries
          + " (collector.limits.series-per-target)");
    }
    return samples;
  }

  /** A response body and the Content-Type it came with. */
  record Body(byte[] bytes, String contentType) {}

  private Uni<Body> fetch(ScrapeTarget target, Duration timeout) {
    var codec = new BodyCodec<byte[]>(new LimitedBodyCodec(maxBodyBytes));
    return client.getAbs(target.url())
        .putHeader("Accept", ACCEPT)
        .timeout(timeout.toMillis())
        .as(codec)
        .send()
        .map(Scraper::body);
  }

  private static Body body(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new ScrapeException("HTTP " + response.statusCode() + (response.statusMessage() == null ? "" : " " + response.statusMessage()));
    }
    byte[] body = response.body();
    return new Body(body == null ? new byte[0] : body, response.getHeader("Content-Type"));
  }

  /** The target's {@code lastError}: never a class name (see {@link FailureText}). */
  private static String describe(Throwable e, Duration timeout) {
    if (e instanceof ExpositionParseException) {
      return "invalid exposition: " + FailureText.describe(e, timeout);
    }
    return FailureText.describe(e, timeout);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** The target answered, but not with an exposition. */
  static final class ScrapeException extends RuntimeException {
    ScrapeException(String message) {
      super(message, null, false, false);
    }
  }
}
