package dev.plimsoll.events;

/**
 * RabbitMQ topic exchanges of the suite. Every service prefixes them with the value of
 * {@code plimsoll.messaging.prefix} (empty by default; tests use their own prefix so they never
 * see a running suite's events). Payloads are UTF-8 JSON with content type {@code application/json}.
 */
public final class Exchanges {
  /** {@link MetricSnapshot}, one per workload per collector tick. */
  public static final String METRIC_SNAPSHOTS = "metric-snapshots";
  /** {@link ScalingDecision}, one per scaler evaluation. */
  public static final String SCALING_DECISIONS = "scaling-decisions";
  /** GPU events from the gpu-service (pressure, XID, idle, capacity changes). */
  public static final String GPU_EVENTS = "gpu-events";

  private Exchanges() {}
}
