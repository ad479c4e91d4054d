package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A trace read one request at a time ({@link AzureTraceReader}, {@link BurstGptTraceReader}, {@link MooncakeTraceReader}). */
interface TraceReader {

  /** The next request, or {@code null} at the end of the input. */
  InferenceRequest next() throws IOException;

  /** Every remaining request. */
  default List<InferenceRequest> rest() throws IOException {
    List<InferenceRequest> requests = new ArrayList<>();
    for (InferenceRequest r = next(); r != null; r = next()) {
      requests.add(r);
    }
    return requests;
  }

  /** A first line without its UTF-8 byte order mark, if it has one. */
  static String withoutBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** A CSV header's column names, stripped of spaces and of a byte order mark. */
  static List<String> columns(String header) {
    return List.of(withoutBom(header).split(",", -1)).stream().map(String::strip).toList();
  }

  /** A token count field: a non-negative integer, else an error naming the line and the column. */
  static int tokens(long lineNumber, String column, String field) throws TraceFormatException {
    String text = field.strip();
    try {
      int value = Integer.parseInt(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TraceFormatException(lineNumber, column + " '" + text + "' is not a non-negative integer");
  }

  /** The reader, buffered once. */
  static BufferedReader buffered(Reader reader) {
    Objects.requireNonNull(reader, "reader");
    return reader instanceof BufferedReader b ? b : new BufferedReader(reader);
  }
}
