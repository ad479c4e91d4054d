package dev.plimsoll.docker.swarm;

import java.util.List;

/**
 * The result of one discovery: targets to scrape, the workloads they belong to, and why anything opted in was left
 * out (a missing port label, a task with no reachable address) so the collector can log it instead of guessing.
 */
public record SwarmDiscovery(List<ScrapeTarget> targets, List<SwarmWorkload> workloads, List<String> problems) {
  public SwarmDiscovery {
    targets = List.copyOf(targets);
    workloads = List.copyOf(workloads);
    problems = List.copyOf(problems);
  }
}
