package dev.plimsoll.scaling;

/**
 * Predictive scale-up: a replica added now serves only after its cold start (model download and load), so
 * each metric's demand is forecast at {@code now + coldStartSeconds} and the count that demand needs is
 * asked for now. The forecast is an ordinary least-squares line through the metric's values over the last
 * {@code lookbackSeconds} (at least {@link #MIN_POINTS} values spanning at least a quarter of the lookback;
 * otherwise no forecast), extrapolated to the forecast time and never below 0. It may only add replicas:
 * it raises the HPA's count when the forecast needs more, within maxReplicas and the scale-up rate
 * policies, and never lowers anything; and it never starts a workload from zero (that is activation's job).
 * A line, not a seasonal model: it anticipates ramps (a diurnal rise, a growing burst) one cold start ahead
 * and is cheap and explainable; a flat or falling trend proposes nothing above the HPA.
 *
 * @param coldStartSeconds how long a new replica takes to serve, 1..3600
 * @param lookbackSeconds how much history the line is fitted to, 10..3600 (default 300)
 */
public record Predictive(int coldStartSeconds, int lookbackSeconds) {
  public static final int DEFAULT_LOOKBACK_SECONDS = 300;
  /** The fewest values a forecast is made from. */
  public static final int MIN_POINTS = 3;

  public Predictive {
    if (coldStartSeconds < 1 || coldStartSeconds > 3600) {
      throw new IllegalArgumentException("coldStartSeconds must be 1..3600, got " + coldStartSeconds);
    }
    if (lookbackSeconds < 10 || lookbackSeconds > 3600) {
      throw new IllegalArgumentException("lookbackSeconds must be 10..3600, got " + lookbackSeconds);
    }
  }

  /**
   * The least-squares line through ({@code times[i]}, {@code values[i]}) for i &lt; n, evaluated at {@code at};
   * null when fewer than {@link #MIN_POINTS} points or they span less than {@code minSpan}. Times in any unit.
   */
  public static Double forecast(long[] times, double[] values, int n, long at, long minSpan) {
    if (n < MIN_POINTS) {
      return null;
    }
    long t0 = times[0];
    long last = times[0];
    for (int i = 1; i < n; i++) {
      t0 = Math.min(t0, times[i]);
      last = Math.max(last, times[i]);
    }
    if (last == t0 || last - t0 < minSpan) {
      return null;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += times[i] - t0;
      my += values[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = times[i] - t0 - mx;
      sxy += dx * (values[i] - my);
      sxx += dx * dx;
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    return Math.max(0, my + slope * (at - t0 - mx));
  }
}
