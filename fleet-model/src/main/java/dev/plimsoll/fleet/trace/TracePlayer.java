package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays a trace on the simulated clock: arrivals are divided by a load multiplier (2 = the same requests
 * arriving twice as fast) and, when looping, the trace starts again after its (compressed) span plus one mean
 * inter-arrival gap. Released requests get fresh ids 0, 1, 2, ... so loops never reuse an id. Not thread-safe.
 */
public final class TracePlayer {

  private final List<InferenceRequest> requests;
  private final double loadMultiplier;
  private final boolean loop;
  private final double period;
  private long released;

  /**
   * @param loadMultiplier {@code > 0}; inter-arrival times are divided by it
   * @param loop           start again at the end (otherwise stop releasing)
   */
  public TracePlayer(Trace trace, double loadMultiplier, boolean loop) {
    Objects.requireNonNull(trace, "trace");
    if (!(loadMultiplier > 0) || Double.isInfinite(loadMultiplier)) {
      throw new IllegalArgumentException("load multiplier must be a finite number > 0, got " + loadMultiplier);
    }
    this.requests = trace.requests();
    this.loadMultiplier = loadMultiplier;
    this.loop = loop;
    double span = trace.spanSeconds();
    double meanGap = requests.size() > 1 ? span / (requests.size() - 1) : 1.0;
    this.period = (span + meanGap) / loadMultiplier;
  }

  /** Requests of the trace (one loop). */
  public int traceSize() {
    return requests.size();
  }

  /** Requests released so far, over every loop. */
  public long released() {
    return released;
  }

  /** Simulated seconds one pass over the trace takes, gap to the next loop included. */
  public double periodSeconds() {
    return period;
  }

  public double loadMultiplier() {
    return loadMultiplier;
  }

  /** True when nothing more will be released (the trace ended and does not loop, or is empty). */
  public boolean finished() {
    return requests.isEmpty() || (!loop && released >= requests.size());
  }

  /** When the next request arrives, in simulated seconds; +Infinity when {@link #finished()}. */
  public double nextArrival() {
    if (finished()) {
      return Double.POSITIVE_INFINITY;
    }
    long pass = released / requests.size();
    InferenceRequest next = requests.get((int) (released % requests.size()));
    return pass * period + next.arrival() / loadMultiplier;
  }

  /** Releases every request arriving at or before {@code seconds}, in arrival order. */
  public List<InferenceRequest> releaseUpTo(double seconds) {
    List<InferenceRequest> out = new ArrayList<>();
    while (nextArrival() <= seconds) {
      InferenceRequest next = requests.get((int) (released % requests.size()));
      out.add(next.withArrival(released, nextArrival()));
      released++;
    }
    return out;
  }
}
