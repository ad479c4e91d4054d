package dev.plimsoll.promql;

/**
 * The query text is not valid PromQL (syntax or types). Carries the 0-based character offset of the
 * offending token; the message starts with Prometheus' {@code line:column: parse error:} prefix.
 */
public class ParseException extends PromqlException {
  private final int position;

  public ParseException(String query, int position, String reason) {
    super(Positions.lineColumn(query, position) + ": parse error: " + reason);
    this.position = position;
  }

  /** 0-based character offset into the query. */
  public int position() {
    return position;
  }
}
