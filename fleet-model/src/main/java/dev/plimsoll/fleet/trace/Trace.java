package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A whole trace in memory.
 *
 * @param start    the first row's timestamp (the trace's own clock, no zone); arrivals are seconds after it
 * @param requests in arrival order, ids 0, 1, 2, ... in row order
 */
public record Trace(LocalDateTime start, List<InferenceRequest> requests) {

  public Trace {
    requests = List.copyOf(requests);
  }

  public int size() {
    return requests.size();
  }

  /** Seconds from the first arrival to the last (0 for fewer than two requests). */
  public double spanSeconds() {
    return requests.isEmpty() ? 0 : requests.get(requests.size() - 1).arrival();
  }
}
