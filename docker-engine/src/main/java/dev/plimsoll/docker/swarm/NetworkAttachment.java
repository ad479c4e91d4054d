package dev.plimsoll.docker.swarm;

import java.util.List;

/**
 * One of a task's {@code NetworksAttachments}: the network and the task's addresses on it, in CIDR form
 * ({@code 10.0.1.3/24}) as the Engine reports them.
 *
 * @param ingress true for the routing-mesh network ({@code Spec.Ingress}), whose addresses are no use for
 *                reaching one replica
 */
public record NetworkAttachment(String networkId, String networkName, boolean ingress, List<String> addresses) {
  public NetworkAttachment {
    addresses = List.copyOf(addresses);
  }
}
