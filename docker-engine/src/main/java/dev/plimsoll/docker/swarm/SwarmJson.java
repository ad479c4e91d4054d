package dev.plimsoll.docker.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Engine API documents (field names as in the Engine's swagger: {@code Spec.Mode.Replicated.Replicas},
 * {@code Status.PortStatus.Ports}, {@code NetworksAttachments[].Addresses}) into records. Lenient about absent
 * optional fields, which vary across Engine versions; strict about the shape (an array of objects with an
 * {@code ID}), so a proxy's HTML page or an error object is reported instead of read as an empty swarm.
 */
public final class SwarmJson {

  private SwarmJson() {
  }

  /**
   * Reads {@code GET /services}.
   *
   * @throws IllegalArgumentException when the document is not an array of services
   */
  public static List<SwarmService> services(JsonNode array) {
    return list(array, "services", SwarmJson::service);
  }

  /** Reads {@code GET /tasks}. */
  public static List<SwarmTask> tasks(JsonNode array) {
    return list(array, "tasks", SwarmJson::task);
  }

  /** Reads {@code GET /nodes}. */
  public static List<SwarmNode> nodes(JsonNode array) {
    return list(array, "nodes", SwarmJson::node);
  }

  /** Reads one service ({@code GET /services/{id}}). */
  public static SwarmService service(JsonNode object) {
    String id = requireId(object, "service");
    JsonNode spec = object.path("Spec");
    JsonNode endpointPorts = object.path("Endpoint").path("Ports");
    if (!endpointPorts.isArray() || endpointPorts.isEmpty()) {
      endpointPorts = spec.path("EndpointSpec").path("Ports");
    }
    return new SwarmService(id, object.path("Version").path("Index").asLong(0), text(spec, "Name"), strings(spec.path("Labels")),
        mode(spec.path("Mode")), ports(endpointPorts));
  }

  /** Reads one task ({@code GET /tasks/{id}}). */
  public static SwarmTask task(JsonNode object) {
    String id = requireId(object, "task");
    JsonNode status = object.path("Status");
    List<NetworkAttachment> networks = new ArrayList<>();
    for (JsonNode attachment : object.path("NetworksAttachments")) {
      JsonNode network = attachment.path("Network");
      List<String> addresses = new ArrayList<>();
      for (JsonNode address : attachment.path("Addresses")) {
        if (address.isTextual() && !address.asText().isBlank()) {
          addresses.add(address.asText());
        }
      }
      networks.add(new NetworkAttachment(text(network, "ID"), text(network.path("Spec"), "Name"),
          network.path("Spec").path("Ingress").asBoolean(false), addresses));
    }
    return new SwarmTask(id, text(object, "ServiceID"), text(object, "NodeID"), object.path("Slot").asInt(0),
        text(object, "DesiredState"), text(status, "State"), text(status.path("ContainerStatus"), "ContainerID"),
        ports(status.path("PortStatus").path("Ports")), networks);
  }

  /** Reads one node ({@code GET /nodes/{id}}). */
  public static SwarmNode node(JsonNode object) {
    String id = requireId(object, "node");
    JsonNode spec = object.path("Spec");
    String address = text(object.path("Status"), "Addr");
    if (address.isEmpty() || address.equals("0.0.0.0")) {
      address = hostOf(text(object.path("ManagerStatus"), "Addr"));
    }
    return new SwarmNode(id, text(object.path("Description"), "Hostname"), address, text(spec, "Role"), text(spec, "Availability"),
        text(object.path("Status"), "State"), strings(spec.path("Labels")));
  }

  private static ServiceMode mode(JsonNode mode) {
    if (mode.has("Replicated")) {
      return new ServiceMode.Replicated(mode.path("Replicated").path("Replicas").asInt(0));
    }
    if (mode.has("Global")) {
      return new ServiceMode.Global();
    }
    var names = mode.fieldNames();
    return new ServiceMode.Other(names.hasNext() ? names.next() : "");
  }

  private static List<PortBinding> ports(JsonNode array) {
    List<PortBinding> ports = new ArrayList<>();
    for (JsonNode port : array) {
      // An Engine with IPv6 reports each host-mode binding twice (0.0.0.0 and ::); one is enough.
      PortBinding binding = new PortBinding(text(port, "Protocol").isEmpty() ? "tcp" : text(port, "Protocol"),
          port.path("TargetPort").asInt(0), port.path("PublishedPort").asInt(0),
          text(port, "PublishMode").isEmpty() ? "ingress" : text(port, "PublishMode"));
      if (!ports.contains(binding)) {
        ports.add(binding);
      }
    }
    return ports;
  }

  private static <T> List<T> list(JsonNode array, String what, java.util.function.Function<JsonNode, T> reader) {
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("expected a JSON array of " + what + ", got " + kind(array));
    }
    List<T> items = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      items.add(reader.apply(item));
    }
    return items;
  }

  private static String requireId(JsonNode object, String what) {
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException("expected a " + what + " object, got " + kind(object));
    }
    String id = text(object, "ID");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a " + what + " object has no ID");
    }
    return id;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return map;
  }

  private static String text(JsonNode object, String field) {
    JsonNode value = object.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  /** {@code 10.0.0.2:2377} -> {@code 10.0.0.2}; {@code [fd00::2]:2377} -> {@code fd00::2}. */
  static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return end > 0 ? hostPort.substring(1, end) : "";
    }
    int colon = hostPort.lastIndexOf(':');
    return colon >= 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  private static String kind(JsonNode node) {
    return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
