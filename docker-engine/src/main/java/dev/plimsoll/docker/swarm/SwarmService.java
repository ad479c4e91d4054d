package dev.plimsoll.docker.swarm;

import java.util.List;
import java.util.Map;

/**
 * A service, from {@code GET /services}.
 *
 * @param version the {@code Version.Index} an update must name
 * @param labels  the service labels ({@code Spec.Labels}), where opt-in and scrape settings live
 * @param ports   the endpoint's ports ({@code Endpoint.Ports}, else {@code Spec.EndpointSpec.Ports})
 */
public record SwarmService(String id, long version, String name, Map<String, String> labels, ServiceMode mode, List<PortBinding> ports) {
  public SwarmService {
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }
}
