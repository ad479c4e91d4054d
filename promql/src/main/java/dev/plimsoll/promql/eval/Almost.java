package dev.plimsoll.promql.eval;

/**
 * Prometheus' {@code util/almost.Equal}: relative comparison with special cases for NaN (equal to NaN),
 * zero and subnormal numbers. The test runner uses it with Prometheus' tolerance of 1e-6.
 */
public final class Almost {
  private static final double MIN_NORMAL = Double.MIN_NORMAL;

  private Almost() {}

  public static boolean equal(double a, double b, double epsilon) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
      return diff < epsilon * MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
  }
}
