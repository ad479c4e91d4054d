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
   * The least-squares line through the ring's values after {@code from} (and at or before {@code at}'s "now", which
   * is the newest value), evaluated at {@code at}; null when fewer than {@link #MIN_POINTS} values or they span
   * less than {@code minSpan}. Times in milliseconds. No allocation: two passes over the ring.
   */
  static Double forecast(SampleRing ring, long from, long at, long minSpan) {
    int first = ring.size();
    while (first > 0 && ring.time(first - 1) > from) {
      first--;
    }
    int n = ring.size() - first;
    if (n < MIN_POINTS) {
      return null;
    }
    long t0 = ring.time(first);
    long last = ring.time(ring.size() - 1);
    if (last == t0 || last - t0 < minSpan) {
      return null;
    }
    double mx = 0;
    double my = 0;
    for (int i = first; i < ring.size(); i++) {
      mx += ring.time(i) - t0;
      my += ring.value(i);
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = first; i < ring.size(); i++) {
      double dx = ring.time(i) - t0 - mx;
      sxy += dx * (ring.value(i) - my);
      sxx += dx * dx;
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    return Math.max(0, my + slope * (at - t0 - mx));
  }
}
