package dev.plimsoll.collector.loop;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.signal.SignalCalculator;
import dev.plimsoll.collector.snapshot.SnapshotAssembler;
import dev.plimsoll.collector.window.WindowStore;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Builds the plain-Java cores and the HTTP client from configuration. */
public class CollectorBeans {

  /** The wall clock; the only source of "now". */
  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Windows long enough for the signal window plus two scrape intervals of slack, with room for one
   * point per scrape (a series gets one point per scrape; equal timestamps overwrite).
   */
  @Produces
  @Singleton
  WindowStore windows(CollectorConfig config) {
    Duration retention = config.signalWindow().plus(config.scrapeInterval().multipliedBy(2));
    long perScrape = Math.max(1, config.scrapeInterval().toMillis());
    int maxPoints = (int) Math.min(100_000, retention.toMillis() / perScrape + 2);
    return new WindowStore(retention, maxPoints);
  }

  @Produces
  @Singleton
  SignalCalculator signals(CollectorConfig config) {
    return new SignalCalculator(config.signalWindow(), config.staleness());
  }

  @Produces
  @Singleton
  SnapshotAssembler assembler(SignalCalculator signals, WindowStore windows) {
    return new SnapshotAssembler(signals, windows);
  }

  /** One non-blocking HTTP client for discovery and scrapes, with a pool large enough for many replicas on one host. */
  @Produces
  @Singleton
  WebClient webClient(Vertx vertx, CollectorConfig config) {
    var options = new WebClientOptions()
        .setUserAgent("plimsoll-collector")
        .setMaxPoolSize(config.maxConnectionsPerHost())
        .setKeepAlive(true)
        .setTryUseCompression(true)
        .setConnectTimeout((int) Math.max(1, config.scrapeTimeout().toMillis()));
    return WebClient.create(vertx, options);
  }

  void closeWebClient(@Disposes WebClient client) {
    client.close();
  }
}
