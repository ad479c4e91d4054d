package dev.plimsoll.promql;

/**
 * The query is (or may well be) valid PromQL but uses a feature outside Plimsoll's subset, such as
 * {@code offset}, {@code on(...)} or {@code topk}. Deliberately not a {@link ParseException}: callers
 * must be able to tell "not supported here" (send it to a real Prometheus, skip a test) from "wrong".
 */
public class UnsupportedFeatureException extends PromqlException {
  private final String feature;
  private final int position;

  public UnsupportedFeatureException(String query, int position, String feature) {
    super(Positions.lineColumn(query, position) + ": unsupported PromQL feature: " + feature);
    this.feature = feature;
    this.position = position;
  }

  /** A short name of the feature, e.g. {@code offset modifier} or {@code function "abs"}. */
  public String feature() {
    return feature;
  }

  /** 0-based character offset into the query, or -1 when the feature is not tied to a position. */
  public int position() {
    return position;
  }
}
