package dev.plimsoll.scaling;

import java.time.Instant;

/** What the engine remembers between evaluations of one workload. */
public final class History {
  private History() {}

  /** A recommendation the engine made (before stabilization), as the HPA records them. */
  public record Recommendation(Instant at, int replicas) {}

  /** A scale change that was applied: positive added replicas, negative removed. */
  public record ScaleEvent(Instant at, int change) {}
}
