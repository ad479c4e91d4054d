package dev.plimsoll.collector.snapshot;

import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.signal.SignalCatalogue;
import dev.plimsoll.collector.signal.SignalDefinition;
import dev.plimsoll.collector.signal.SignalEvaluator;
import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.MetricSnapshot.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Builds one {@link MetricSnapshot} per discovered workload by evaluating its workload signals. A
 * workload without an UP target (no READY replica, or every scrape failing) still gets a snapshot,
 * with every signal null. A signal's time is that of the workload's newest successful scrape, and it is
 * stale when that is older than the staleness limit; signals answered by an external Prometheus carry
 * its last answer (they do not depend on this collector's targets). Plain Java: "now" and target state are passed in.
 */
public final class SnapshotAssembler {
  private final SignalCatalogue catalogue;
  private final SignalEvaluator evaluator;
  private final Duration staleness;
  private final External external;

  /** Signals answered elsewhere (an external Prometheus): asked to refresh, and read as of now. */
  public interface External {
    void refresh(SignalDefinition definition, String workload);

    Signal signal(SignalDefinition definition, String workload, Instant now);
  }

  public SnapshotAssembler(SignalCatalogue catalogue, SignalEvaluator evaluator, Duration staleness, External external) {
    this.catalogue = catalogue;
    this.evaluator = evaluator;
    this.staleness = staleness;
    this.external = external;
  }

  /**
   * @param discovered the workloads and their targets
   * @param lastSuccess when each target (by URL) was last scraped successfully while up now; null when it is down
   * @param now the snapshot time and the evaluation time of every signal
   */
  public List<MetricSnapshot> assemble(DiscoveredTargets discovered, Function<String, Instant> lastSuccess, Instant now) {
    var snapshots = new ArrayList<MetricSnapshot>(discovered.workloads().size());
    for (String workload : discovered.workloads()) {
      int targets = 0;
      int up = 0;
      Instant newest = null;
      for (ScrapeTarget target : discovered.targets()) {
        if (target.workload().equals(workload)) {
          targets++;
          Instant last = lastSuccess.apply(target.url());
          if (last != null) {
            up++;
            newest = newest == null || last.isAfter(newest) ? last : newest;
          }
        }
      }
      var signals = new LinkedHashMap<String, Signal>();
      for (SignalDefinition d : catalogue.forWorkload(workload)) {
        if (d.external()) {
          external.refresh(d, workload);
          signals.put(d.name(), external.signal(d, workload, now));
        } else {
          signals.put(d.name(), up == 0 ? new Signal(null, null, false)
              : SignalEvaluator.toSignal(evaluator.evaluate(d, workload, now), newest, now, staleness));
        }
      }
      snapshots.add(new MetricSnapshot(MetricSnapshot.SCHEMA, workload, now, targets, up, signals));
    }
    return snapshots;
  }
}
