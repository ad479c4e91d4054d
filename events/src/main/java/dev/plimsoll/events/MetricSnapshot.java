package dev.plimsoll.events;

import java.time.Instant;
import java.util.Map;

/**
 * One workload's derived signals at one evaluation tick, published by the collector on the
 * {@code metric-snapshots} exchange (routing key: the workload id). Owned by the collector.
 *
 * <pre>{@code
 * {"schema":1,"workload":"simulated/demo/Fleet/chat","observedAt":"2026-11-28T02:00:00Z",
 *  "targets":2,"targetsUp":2,
 *  "signals":{"queue_depth":{"value":12.0,"observedAt":"2026-11-28T02:00:00Z","stale":false}, ...}}
 * }</pre>
 *
 * @param schema version of this schema, {@link #SCHEMA}
 * @param workload workload id ({@link WorkloadId#toString()})
 * @param observedAt when the snapshot was computed
 * @param targets scrape targets known for the workload
 * @param targetsUp targets whose last scrape succeeded
 * @param signals signal name ({@link SignalNames}) to value; a signal with no data has a null value, never zero
 */
public record MetricSnapshot(int schema, String workload, Instant observedAt, int targets, int targetsUp, Map<String, Signal> signals) {

  public static final int SCHEMA = 1;

  public MetricSnapshot {
    signals = signals == null ? Map.of() : Map.copyOf(signals);
  }

  /**
   * One signal's value.
   *
   * @param value the value, or null when there is no data (missing data is never reported as zero)
   * @param observedAt the time of the newest sample the value was computed from
   * @param stale true when the newest sample is older than the collector's staleness limit
   */
  public record Signal(Double value, Instant observedAt, boolean stale) {
    public boolean usable() {
      return value != null && !stale && !value.isNaN();
    }
  }

  /** The signal's value when it is present, fresh and a number; otherwise null. */
  public Double usableValue(String signal) {
    Signal s = signals.get(signal);
    return s != null && s.usable() ? s.value() : null;
  }
}
