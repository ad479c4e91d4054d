package dev.plimsoll.docker.swarm;

/** How a service places its tasks, from {@code Spec.Mode}. Only {@link Replicated} has a replica count to scale. */
public sealed interface ServiceMode {

  /** The Engine's name for the mode, as in {@code __meta_dockerswarm_service_mode} (lower-case). */
  String label();

  /** A fixed number of tasks ({@code Spec.Mode.Replicated.Replicas}). */
  record Replicated(int replicas) implements ServiceMode {
    public String label() {
      return "replicated";
    }
  }

  /** One task per eligible node. */
  record Global() implements ServiceMode {
    public String label() {
      return "global";
    }
  }

  /** A mode this code does not scale: {@code ReplicatedJob}, {@code GlobalJob}, or one a newer Engine adds. */
  record Other(String name) implements ServiceMode {
    public String label() {
      return name.isEmpty() ? "unknown" : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
  }
}
