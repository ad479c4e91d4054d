package dev.plimsoll.collector.snapshot;

import dev.plimsoll.collector.discovery.DiscoveredTargets;
import dev.plimsoll.collector.discovery.ScrapeTarget;
import dev.plimsoll.collector.signal.SeriesSource;
import dev.plimsoll.collector.signal.SignalCalculator;
import dev.plimsoll.collector.window.WindowStore;
import dev.plimsoll.events.MetricSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Builds one {@link MetricSnapshot} per discovered workload from the windows of its UP targets. A
 * workload without targets (no READY replica) still gets a snapshot, with every signal null. Plain
 * Java: "now" and target health are passed in.
 */
public final class SnapshotAssembler {
  private final SignalCalculator calculator;
  private final WindowStore windows;

  public SnapshotAssembler(SignalCalculator calculator, WindowStore windows) {
    this.calculator = calculator;
    this.windows = windows;
  }

  /**
   * @param discovered the workloads and their targets
   * @param isUp whether a target (by URL) is up, i.e. its last scrape succeeded
   * @param now the snapshot time and the end of every signal's range
   */
  public List<MetricSnapshot> assemble(DiscoveredTargets discovered, Predicate<String> isUp, Instant now) {
    var snapshots = new ArrayList<MetricSnapshot>(discovered.workloads().size());
    for (String workload : discovered.workloads()) {
      int targets = 0;
      var up = new ArrayList<SeriesSource>();
      for (ScrapeTarget target : discovered.targets()) {
        if (target.workload().equals(workload)) {
          targets++;
          if (isUp.test(target.url())) {
            String url = target.url();
            up.add(metric -> windows.series(url, metric));
          }
        }
      }
      snapshots.add(new MetricSnapshot(MetricSnapshot.SCHEMA, workload, now, targets, up.size(), calculator.compute(up, now)));
    }
    return snapshots;
  }
}
