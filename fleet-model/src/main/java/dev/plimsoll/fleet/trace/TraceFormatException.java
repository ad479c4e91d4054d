package dev.plimsoll.fleet.trace;

import java.io.IOException;

/** A trace row (or the header) that cannot be read; the message names the line and what is wrong. */
public final class TraceFormatException extends IOException {

  private final long lineNumber;

  public TraceFormatException(long lineNumber, String problem) {
    super("line " + lineNumber + ": " + problem);
    this.lineNumber = lineNumber;
  }

  /** The 1-based line of the file (the header is line 1). */
  public long lineNumber() {
    return lineNumber;
  }
}
