package dev.plimsoll.gpu.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The nodes an inventory source reported at one time, and their totals.
 *
 * @param source name of the source, e.g. {@code simulator}
 * @param observedAt when the source was read
 * @param nodes the nodes, ordered by name
 * @param inventory totals of {@code nodes}
 */
public record Observation(String source, Instant observedAt, List<GpuNode> nodes, Inventory inventory) {

  public Observation {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(observedAt, "observedAt");
    nodes = nodes.stream().sorted(Comparator.comparing(GpuNode::name)).toList();
    Objects.requireNonNull(inventory, "inventory");
  }

  public static Observation of(String source, Instant observedAt, List<GpuNode> nodes) {
    return new Observation(source, observedAt, nodes, Inventory.of(nodes));
  }

  /** How old the observation is at {@code now}, in seconds (millisecond resolution, never negative). */
  public double ageSeconds(Instant now) {
    long millis = Duration.between(observedAt, now).toMillis();
    return Math.max(0, millis) / 1000.0;
  }
}
