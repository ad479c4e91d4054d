package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A trace read one request at a time ({@link AzureTraceReader}, {@link MooncakeTraceReader}). */
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

  /** The reader, buffered once. */
  static BufferedReader buffered(Reader reader) {
    Objects.requireNonNull(reader, "reader");
    return reader instanceof BufferedReader b ? b : new BufferedReader(reader);
  }
}
