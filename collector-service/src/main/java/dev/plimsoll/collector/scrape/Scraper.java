package dev.plimsoll.collector.scrape;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.failure.FailureText;
import dev.plimsoll.exposition.Exposition;
import dev.plimsoll.exposition.ExpositionParseException;
import dev.plimsoll.exposition.ExpositionParser;
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
 * Scrapes one target: a non-blocking GET of its metrics URL asking for the text format 0.0.4, bounded
 * by {@code collector.scrape-timeout} (from the request until the body is parsed) and
 * {@code collector.max-body-bytes}, then parsed off the event loop.
 */
@ApplicationScoped
public class Scraper {
  static final String ACCEPT = "text/plain;version=0.0.4";

  private final WebClient client;
  private final Vertx vertx;
  private final ExpositionParser parser;
  private final Clock clock;
  private final Duration timeout;
  private final long maxBodyBytes;

  public Scraper(WebClient client, Vertx vertx, ExpositionParser parser, Clock clock, CollectorConfig config) {
    this.client = client;
    this.vertx = vertx;
    this.parser = parser;
    this.clock = clock;
    this.timeout = config.scrapeTimeout();
    this.maxBodyBytes = config.maxBodyBytes().asLongValue();
  }

  /** Scrapes the target once. Never fails: a failure is an outcome with its reason. */
  public Uni<ScrapeOutcome> scrape(ScrapeTarget target) {
    return Uni.createFrom().deferred(() -> {
      Instant startedAt = clock.instant();
      long start = System.nanoTime();
      return fetch(target)
          .chain(body -> vertx.executeBlocking(() -> parser.parse(body), false))
          .ifNoItem().after(timeout).failWith(TimeoutException::new)
          .map(exposition -> ScrapeOutcome.success(target, startedAt, since(start), exposition))
          .onFailure().recoverWithItem(e -> ScrapeOutcome.failure(target, startedAt, since(start), describe(e)));
    });
  }

  private Uni<byte[]> fetch(ScrapeTarget target) {
    var codec = new BodyCodec<byte[]>(new LimitedBodyCodec(maxBodyBytes));
    return client.getAbs(target.url())
        .putHeader("Accept", ACCEPT)
        .timeout(timeout.toMillis())
        .as(codec)
        .send()
        .map(Scraper::body);
  }

  private static byte[] body(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new ScrapeException("HTTP " + response.statusCode() + (response.statusMessage() == null ? "" : " " + response.statusMessage()));
    }
    byte[] body = response.body();
    return body == null ? new byte[0] : body;
  }

  /** The target's {@code lastError}: never a class name (see {@link FailureText}). */
  private String describe(Throwable e) {
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
