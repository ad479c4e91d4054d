package dev.plimsoll.docker.swarm;

/**
 * A port of a service's endpoint or a task's {@code Status.PortStatus}.
 *
 * @param protocol      {@code tcp}, {@code udp} or {@code sctp}
 * @param targetPort    the port inside the container
 * @param publishedPort the port on the node ({@code host} mode) or the routing mesh ({@code ingress}); 0 when none is
 *                      assigned yet
 * @param publishMode   {@code ingress} (the Engine's default) or {@code host}
 */
public record PortBinding(String protocol, int targetPort, int publishedPort, String publishMode) {

  public boolean isTcp() {
    return protocol.isEmpty() || protocol.equals("tcp"); // the Engine's default protocol is tcp
  }

  public boolean isHostMode() {
    return publishMode.equals("host");
  }
}
