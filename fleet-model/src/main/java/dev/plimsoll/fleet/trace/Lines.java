package dev.plimsoll.fleet.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/** A trace file's lines, counted from 1, with the byte order mark taken off the first. */
final class Lines {
  private final BufferedReader in;
  private long number;

  Lines(Reader reader) {
    this.in = TraceReader.buffered(reader);
  }

  /** The next line, or null at the end. */
  String next() throws IOException {
    String line = in.readLine();
    if (line == null) {
      return null;
    }
    number++;
    return number == 1 ? TraceReader.withoutBom(line) : line;
  }

  /** The next line that is not blank, or null at the end. */
  String nextNonBlank() throws IOException {
    String line;
    do {
      line = next();
    } while (line != null && line.isBlank());
    return line;
  }

  /** The number of the line read last (0 before the first). */
  long number() {
    return number;
  }
}
