package dev.plimsoll.collector.signal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named signal written in the PromQL subset. In the query, {@code $workload} stands for the label
 * matcher of one workload ({@code workload="kubernetes/llm/Deployment/vllm"}) and {@code $window} for
 * the signal window ({@code 30s}), so one definition serves every workload.
 *
 * @param name the signal's name, for example {@code queue_depth} ({@code [a-z][a-z0-9_]*})
 * @param query the query, for example {@code sum(vllm:num_requests_waiting{$workload})}
 * @param scope {@link Scope#WORKLOAD}: evaluated per workload into its snapshot (must give one value);
 *     {@link Scope#CLUSTER}: evaluated on demand, may give one value per series
 * @param workload null for every workload; otherwise the one workload this signal is for
 * @param description what it measures, for people
 * @param prometheus null to evaluate in the collector; otherwise the id of an external Prometheus
 *     ({@code collector.prometheus.<id>.*}) that answers the query
 */
public record SignalDefinition(String name, String query, Scope scope, String workload, String description, String prometheus) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  /** Where a signal applies. */
  public enum Scope { WORKLOAD, CLUSTER }

  public SignalDefinition {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(scope, "scope");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("signal name must match [a-z][a-z0-9_]* (at most 100 characters), got " + name);
    }
    if (scope == Scope.CLUSTER && workload != null) {
      throw new IllegalArgumentException("a cluster signal cannot be for one workload");
    }
    description = description == null ? "" : description;
  }

  /** A workload signal for every workload. */
  public static SignalDefinition workload(String name, String query, String description) {
    return new SignalDefinition(name, query, Scope.WORKLOAD, null, description, null);
  }

  /** A cluster signal. */
  public static SignalDefinition cluster(String name, String query, String description) {
    return new SignalDefinition(name, query, Scope.CLUSTER, null, description, null);
  }

  /** Whether an external Prometheus answers this signal. */
  public boolean external() {
    return prometheus != null;
  }

  /** Whether this signal is evaluated for the workload. */
  public boolean appliesTo(String workloadId) {
    return scope == Scope.WORKLOAD && (workload == null || workload.equals(workloadId));
  }

  /** The query for one workload and window: the placeholders replaced. */
  public String queryFor(String workloadId, String window) {
    String matcher = "workload=\"" + workloadId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return query.replace("$workload", matcher).replace("$window", window);
  }
}
