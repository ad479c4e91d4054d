package dev.plimsoll.events;

import java.util.Objects;

/**
 * The identity of one scalable unit, shared by every service: {@code platform/namespace/kind/name},
 * for example {@code kubernetes/llm/Deployment/vllm-llama}, {@code swarm/default/Service/rag-api} or
 * {@code simulated/demo/Fleet/chat}.
 */
public record WorkloadId(String platform, String namespace, String kind, String name) {

  public WorkloadId {
    requireSegment("platform", platform);
    requireSegment("namespace", namespace);
    requireSegment("kind", kind);
    requireSegment("name", name);
  }

  /**
   * Parses {@code platform/namespace/kind/name}.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static WorkloadId parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("workload id is empty; expected platform/namespace/kind/name");
    }
    String[] parts = text.split("/", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "workload id '" + text + "' has " + parts.length + " segment(s); expected platform/namespace/kind/name");
    }
    return new WorkloadId(parts[0], parts[1], parts[2], parts[3]);
  }

  /** A simulated fleet's identity: {@code simulated/<namespace>/Fleet/<name>}. */
  public static WorkloadId simulatedFleet(String namespace, String fleet) {
    return new WorkloadId("simulated", namespace, "Fleet", fleet);
  }

  public boolean isSimulated() {
    return "simulated".equals(platform);
  }

  @Override
  public String toString() {
    return platform + "/" + namespace + "/" + kind + "/" + name;
  }

  /** The longest segment: a Kubernetes object name (DNS subdomain) is at most 253 characters. */
  public static final int MAX_SEGMENT = 253;

  private static void requireSegment(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.indexOf('/') >= 0 || !value.strip().equals(value)) {
      throw new IllegalArgumentException("workload " + what + " '" + value + "' must be non-empty, without '/' or surrounding spaces");
    }
    if (value.length() > MAX_SEGMENT) {
      throw new IllegalArgumentException("workload " + what + " has " + value.length() + " characters; at most " + MAX_SEGMENT);
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("workload " + what + " must not contain control characters");
    }
  }
}
