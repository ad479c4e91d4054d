package dev.plimsoll.docker.swarm;

import java.util.List;

/**
 * A task (one container of a service), from {@code GET /tasks}.
 *
 * @param slot        the replica slot, 1..n for replicated services; 0 for global services, which have none
 * @param containerId empty until the container exists
 * @param ports       {@code Status.PortStatus.Ports}: the host-mode ports really bound on the node
 */
public record SwarmTask(String id, String serviceId, String nodeId, int slot, String desiredState, String state,
    String containerId, List<PortBinding> ports, List<NetworkAttachment> networks) {

  public SwarmTask {
    ports = List.copyOf(ports);
    networks = List.copyOf(networks);
  }

  /** Running and meant to be: a task being shut down still reports {@code running} until it stops. */
  public boolean isRunning() {
    return desiredState.equals("running") && state.equals("running");
  }
}
