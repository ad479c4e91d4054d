package dev.plimsoll.scaling;

/**
 * Knative KPA's panic mode, layered on the HPA: over a short panic window the metrics propose a count
 * ({@code ceil(mean / target)} per replica target, as the KPA's {@code dppc}); when that count reaches
 * {@code panicThresholdPercentage} % of the ready replicas the workload panics. While panicking the count
 * is the highest of the HPA's, the panic proposal and the highest count reached in this panic, bounded by
 * maxReplicas only (the scale-up rate policies do not apply: reacting to a burst now is the point), and
 * it never scales down. The panic ends once the threshold has not been reached for a whole stable window
 * (the KPA's {@code panicTime + StableWindow < now}).
 *
 * @param stableWindowSeconds the KPA's stable window, 6..3600 (default 60)
 * @param panicWindowPercentage the panic window as a percentage of the stable one, (0, 100] (default 10, so 6 s)
 * @param panicThresholdPercentage the threshold, more than 100 (default 200)
 */
public record Panic(int stableWindowSeconds, double panicWindowPercentage, double panicThresholdPercentage) {
  public static final int DEFAULT_STABLE_WINDOW_SECONDS = 60;
  public static final double DEFAULT_PANIC_WINDOW_PERCENTAGE = 10.0;
  public static final double DEFAULT_PANIC_THRESHOLD_PERCENTAGE = 200.0;

  public static final Panic DEFAULT = new Panic(DEFAULT_STABLE_WINDOW_SECONDS, DEFAULT_PANIC_WINDOW_PERCENTAGE,
      DEFAULT_PANIC_THRESHOLD_PERCENTAGE);

  public Panic {
    if (stableWindowSeconds < 6 || stableWindowSeconds > 3600) {
      throw new IllegalArgumentException("stableWindowSeconds must be 6..3600, got " + stableWindowSeconds);
    }
    if (!(panicWindowPercentage > 0 && panicWindowPercentage <= 100)) {
      throw new IllegalArgumentException("panicWindowPercentage must be in (0, 100], got " + panicWindowPercentage);
    }
    if (!(panicThresholdPercentage > 100 && panicThresholdPercentage <= 1000)) {
      throw new IllegalArgumentException("panicThresholdPercentage must be in (100, 1000], got " + panicThresholdPercentage);
    }
  }

  /** The panic window in milliseconds (the KPA rounds it and keeps at least 1 s). */
  public long panicWindowMillis() {
    return Math.max(1000L, Math.round(stableWindowSeconds * 1000.0 * panicWindowPercentage / 100.0));
  }
}
