package dev.plimsoll.collector.loop;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.collector.signal.SignalCatalogue;
import dev.plimsoll.collector.signal.ExternalSignals;
import dev.plimsoll.collector.signal.SignalEvaluator;
import dev.plimsoll.collector.snapshot.SnapshotAssembler;
import dev.plimsoll.collector.store.MetricStore;
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

  @Produces
  @Singleton
  SignalEvaluator signalEvaluator(MetricStore store, CollectorConfig config) {
    return new SignalEvaluator(store.engine(), config.signalWindow().toMillis() + "ms");
  }

  @Produces
  @Singleton
  SnapshotAssembler assembler(SignalCatalogue catalogue, SignalEvaluator evaluator, CollectorConfig config, ExternalSignals external) {
    return new SnapshotAssembler(catalogue, evaluator, config.staleness(), new SnapshotAssembler.External() {
      @Override
      public void refresh(dev.plimsoll.collector.signal.SignalDefinition definition, String workload) {
        external.refresh(definition, workload);
      }

      @Override
      public dev.plimsoll.events.MetricSnapshot.Signal signal(dev.plimsoll.collector.signal.SignalDefinition definition, String workload,
          java.time.Instant now) {
        return external.signal(definition, workload, now);
      }
    });
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
