package dev.plimsoll.collector.signal;

import dev.plimsoll.collector.config.CollectorConfig;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.parse.Exprs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signals this collector evaluates: {@link DefaultSignals}, then those configured under
 * {@code collector.signals.<name>.*}, then those added over REST (which may replace a configured or
 * default one of the same name and workload scope). Thread-safe.
 */
@ApplicationScoped
public class SignalCatalogue {
  private final Map<String, SignalDefinition> signals = new LinkedHashMap<>();
  private final Duration maxRange;
  private final String window;

  @jakarta.inject.Inject
  public SignalCatalogue(CollectorConfig config, dev.plimsoll.collector.store.MetricStore store) {
    this(DefaultSignals.ALL, store.retention().minus(config.scrapeInterval().multipliedBy(2)), config.signalWindow().toMillis() + "ms");
    config.signals().forEach((name, s) -> {
      SignalDefinition d = new SignalDefinition(name, s.query(), s.workload().isPresent() || s.scope().orElse("workload").equals("workload")
          ? SignalDefinition.Scope.WORKLOAD : SignalDefinition.Scope.CLUSTER, s.workload().orElse(null), s.description().orElse(""),
          s.prometheus().orElse(null));
      if (d.external() && !config.prometheus().containsKey(d.prometheus())) {
        throw new IllegalArgumentException("signal " + name + " names collector.prometheus." + d.prometheus() + ", which is not configured");
      }
      check(d);
      signals.put(key(d), d);
    });
  }

  /**
   * @param initial the signals to start with
   * @param maxRange the longest range a signal may use (what the store keeps)
   * @param window what {@code $window} stands for
   */
  public SignalCatalogue(List<SignalDefinition> initial, Duration maxRange, String window) {
    this.maxRange = maxRange;
    this.window = window;
    for (SignalDefinition d : initial) {
      check(d);
      signals.put(key(d), d);
    }
  }

  /** Every signal, defaults first. */
  public synchronized List<SignalDefinition> all() {
    return List.copyOf(signals.values());
  }

  /** The workload signals that apply to a workload (a workload-specific one replaces the general one of the same name). */
  public synchronized List<SignalDefinition> forWorkload(String workload) {
    Map<String, SignalDefinition> out = new LinkedHashMap<>();
    for (SignalDefinition d : signals.values()) {
      if (d.appliesTo(workload) && (d.workload() != null || !out.containsKey(d.name()))) {
        out.put(d.name(), d);
      }
    }
    return new ArrayList<>(out.values());
  }

  public synchronized Optional<SignalDefinition> get(String name, String workload) {
    return Optional.ofNullable(signals.get(name + "@" + (workload == null ? "" : workload)));
  }

  /**
   * Adds or replaces a signal.
   *
   * @return the definition it replaced, if any
   * @throws IllegalArgumentException when the query does not parse, is outside the subset, or needs
   *     more history than the store keeps
   */
  public synchronized Optional<SignalDefinition> put(SignalDefinition d) {
    check(d);
    return Optional.ofNullable(signals.put(key(d), d));
  }

  public synchronized Optional<SignalDefinition> remove(String name, String workload) {
    return Optional.ofNullable(signals.remove(name + "@" + (workload == null ? "" : workload)));
  }

  private void check(SignalDefinition d) {
    if (d.external()) {
      return; // the external Prometheus parses and evaluates it, with its full PromQL
    }
    try {
      long range = Exprs.longestRangeMillis(Engine.prepare(d.queryFor("platform/namespace/Kind/name", window)).expr());
      if (range > maxRange.toMillis()) {
        throw new IllegalArgumentException("signal " + d.name() + " needs " + range + " ms of history; the store keeps "
            + maxRange.toMillis() + " ms for signals (raise collector.retention)");
      }
    } catch (PromqlException e) {
      throw new IllegalArgumentException("signal " + d.name() + ": " + e.getMessage(), e);
    }
  }

  private static String key(SignalDefinition d) {
    return d.name() + "@" + (d.workload() == null ? "" : d.workload());
  }
}
