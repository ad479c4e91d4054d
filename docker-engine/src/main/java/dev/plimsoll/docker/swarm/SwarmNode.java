package dev.plimsoll.docker.swarm;

import java.util.Map;

/**
 * A node, from {@code GET /nodes}.
 *
 * @param address where the node is reached: {@code Status.Addr}, or the host of {@code ManagerStatus.Addr} when the
 *                Engine reports {@code 0.0.0.0} (managers may); empty if neither is known
 * @param role    {@code manager} or {@code worker}
 * @param state   {@code ready}, {@code down}, {@code unknown} or {@code disconnected}
 * @param labels  node labels ({@code Spec.Labels})
 */
public record SwarmNode(String id, String hostname, String address, String role, String availability, String state, Map<String, String> labels) {
  public SwarmNode {
    labels = Map.copyOf(labels);
  }
}
