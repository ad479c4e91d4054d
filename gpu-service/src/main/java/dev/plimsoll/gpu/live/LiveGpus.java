package dev.plimsoll.gpu.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.gpu.config.GpuConfig;
import dev.plimsoll.gpu.dcgm.DcgmState;
import dev.plimsoll.gpu.dcgm.GpuAlerts;
import dev.plimsoll.gpu.dcgm.GpuLive;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The GPUs' live state: every {@code gpu.refresh-interval} dcgm-exporter's metrics are asked of the collector's query
 * API (one query for {@link DcgmState#METRICS}), joined per GPU, turned into edge events ({@link GpuAlerts}) published
 * on {@code gpu-events}, and kept for the API, the reports and placement's health gate.
 */
@ApplicationScoped
public class LiveGpus {
  private static final Logger LOG = Logger.getLogger(LiveGpus.class);

  private final CollectorQueryClient collector;
  private final GpuEventPublisher publisher;
  private final GpuConfig config;
  private final Clock clock;
  private final GpuAlerts alerts;
  private volatile Reading last = new Reading(List.of(), null, null);

  /** The newest reading: its GPUs, when, and the error of the newest attempt if it failed. */
  public record Reading(List<GpuLive> gpus, Instant observedAt, String lastError) {}

  public LiveGpus(@RestClient CollectorQueryClient collector, GpuEventPublisher publisher, GpuConfig config, Clock clock) {
    this.collector = collector;
    this.publisher = publisher;
    this.config = config;
    this.clock = clock;
    this.alerts = GpuAlerts.of(config.dcgm().memoryPressure(), config.dcgm().idleBusy(), config.dcgm().idleWindow());
  }

  public Reading reading() {
    return last;
  }

  /** GPUs idle for the window now (attributed to a pod, below the busy threshold). */
  public synchronized List<GpuAlerts.Idle> idle() {
    return alerts.idle(clock.instant());
  }

  /** Per node, why its GPUs must not take new work. */
  public Map<String, List<String>> unhealthyByNode() {
    return DcgmState.unhealthyByNode(last.gpus());
  }

  @Scheduled(identity = "gpu-dcgm-refresh", every = "${gpu.refresh-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return config.dcgm().enabled() ? refresh() : Uni.createFrom().voidItem();
  }

  /** One reading; never fails (a failure is kept as {@code lastError} and logged once). */
  public Uni<Void> refresh() {
    return collector.query(DcgmState.query())
        .map(LiveGpus::samples)
        .chain(samples -> {
          List<GpuLive> gpus = DcgmState.of(samples);
          Instant now = clock.instant();
          List<dev.plimsoll.events.GpuEvent> events;
          synchronized (this) {
            events = alerts.update(gpus, now);
          }
          if (last.lastError() != null) {
            LOG.infof("DCGM metrics readable again from the collector: %d GPU(s)", gpus.size());
          }
          last = new Reading(gpus, now, null);
          return publisher.publish(events);
        })
        .onFailure().recoverWithUni(e -> {
          String error = describe(e);
          if (last.lastError() == null) {
            LOG.warnf("cannot read DCGM metrics from the collector: %s", error);
          }
          last = new Reading(last.gpus(), last.observedAt(), error);
          return Uni.createFrom().voidItem();
        });
  }

  /** One line for a failed reading: the HTTP status the collector answered, or what went wrong. */
  private String describe(Throwable e) {
    if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse() != null) {
      return "HTTP " + w.getResponse().getStatus() + " from the collector's query API";
    }
    return e.getMessage() == null ? "the collector's query API did not answer" : e.getMessage();
  }

  /** A Prometheus instant-vector answer as samples (name from {@code __name__}). */
  static List<DcgmState.Sample> samples(JsonNode answer) {
    List<DcgmState.Sample> out = new ArrayList<>();
    if (answer == null || !"success".equals(answer.path("status").asText())) {
      throw new IllegalStateException("the collector answered " + (answer == null ? "nothing" : answer.path("error").asText("an error")));
    }
    for (JsonNode series : answer.path("data").path("result")) {
      Map<String, String> labels = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        labels.put(e.getKey(), e.getValue().asText());
      }
      String name = labels.remove("__name__");
      try {
        out.add(new DcgmState.Sample(name, labels, Double.parseDouble(series.path("value").path(1).asText())));
      } catch (NumberFormatException e) {
        // a sample whose value is not a number is left out
      }
    }
    return out;
  }
}
