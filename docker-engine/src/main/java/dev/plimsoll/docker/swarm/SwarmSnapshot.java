package dev.plimsoll.docker.swarm;

import java.util.List;

/** What discovery needs from one moment of a swarm: its services, tasks and nodes. */
public record SwarmSnapshot(List<SwarmService> services, List<SwarmTask> tasks, List<SwarmNode> nodes) {
  public SwarmSnapshot {
    services = List.copyOf(services);
    tasks = List.copyOf(tasks);
    nodes = List.copyOf(nodes);
  }
}
