package dev.plimsoll.exposition;

/**
 * An exposition could not be parsed. The message names the position as {@code line:column} (both
 * starting at 1; the column counts characters) and what was wrong.
 */
public class ExpositionParseException extends RuntimeException {
  private final int line;
  private final int column;
  private final String reason;

  public ExpositionParseException(int line, int column, String reason) {
    super("line " + line + ":" + column + ": " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** The line of the error, starting at 1. */
  public int line() {
    return line;
  }

  /** The column of the error within its line, starting at 1. */
  public int column() {
    return column;
  }

  /** What was wrong, without the position. */
  public String reason() {
    return reason;
  }
}
