package dev.plimsoll.scaler.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One workload's recent recommendations, for the HPA's scale-down stabilization: the count used is the
 * highest recommendation made within the window (a rolling maximum), so a workload scales up at once but
 * only scales down once every recommendation of the last window agrees (HPA {@code stabilizeRecommendation}).
 *
 * <p>Only what can still matter is kept: recommendations older than the window are dropped (as the HPA
 * does), and so is any recommendation that a later, equal or higher one outlives. The list therefore holds
 * at most one entry per distinct replica count. Not thread-safe: the caller evaluates one workload at a time.
 */
public final class StabilizationWindow {

  /** A recommendation made at a point in time. */
  public record Recommendation(Instant at, int replicas) {
    public Recommendation {
      Objects.requireNonNull(at, "at");
    }
  }

  private final List<Recommendation> recommendations = new ArrayList<>();

  /** An empty window. */
  public StabilizationWindow() {}

  /** A window that already holds these recommendations (for tests and replays). */
  public StabilizationWindow(List<Recommendation> initial) {
    recommendations.addAll(initial);
  }

  /**
   * Records {@code recommendation} made at {@code now} and returns the highest recommendation within
   * {@code window} before {@code now}, this one included. A recommendation exactly {@code window} old still counts.
   */
  public int stabilize(Instant now, int recommendation, Duration window) {
    Objects.requireNonNull(now, "now");
    Instant cutoff = now.minus(window);
    recommendations.removeIf(r -> r.at().isBefore(cutoff));
    int highest = recommendation;
    for (Recommendation r : recommendations) {
      highest = Math.max(highest, r.replicas());
    }
    // An older, lower-or-equal recommendation expires before this one and can never be the maximum again.
    recommendations.removeIf(r -> r.replicas() <= recommendation && !r.at().isAfter(now));
    recommendations.add(new Recommendation(now, recommendation));
    return highest;
  }

  /** The recommendations kept, oldest first. */
  public List<Recommendation> recommendations() {
    return List.copyOf(recommendations);
  }
}
