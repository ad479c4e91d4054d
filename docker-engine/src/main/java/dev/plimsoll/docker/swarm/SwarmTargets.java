package dev.plimsoll.docker.swarm;

import dev.plimsoll.events.WorkloadId;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scrape targets from services, tasks and nodes, like Prometheus' {@code dockerswarm_sd_configs} with
 * {@code role: tasks} followed by the usual opt-in relabelling, but one target per running task (Prometheus makes
 * one per task and network and port, and leaves the choosing to relabel rules).
 *
 * <ul>
 *   <li>A service opts in with the label {@code prometheus.io/scrape=true} (or {@code plimsoll.dev/scrape=true}).</li>
 *   <li>Port: the label {@code prometheus.io/port}; without it, the service must publish exactly one TCP port.</li>
 *   <li>Path {@code prometheus.io/path} (default {@code /metrics}); scheme {@code prometheus.io/scheme}
 *       ({@code http} or {@code https}, default {@code http}).</li>
 *   <li>Address: if the task binds the port in {@code host} mode, its node's address and the published port;
 *       otherwise the task's address on an overlay network (not {@code ingress}, whose addresses reach the routing
 *       mesh, not the replica), the first one or the one named by {@code plimsoll.dev/network}.</li>
 *   <li>Workload {@code swarm/<com.docker.stack.namespace or default>/Service/<name>}, or the full id in
 *       {@code plimsoll.dev/workload}.</li>
 * </ul>
 * Pure: no I/O, no clock; output sorted by workload and replica so equal inputs give equal results.
 */
public final class SwarmTargets {

  public static final String SCRAPE_LABEL = "prometheus.io/scrape";
  public static final String PLIMSOLL_SCRAPE_LABEL = "plimsoll.dev/scrape";
  public static final String PORT_LABEL = "prometheus.io/port";
  public static final String PATH_LABEL = "prometheus.io/path";
  public static final String SCHEME_LABEL = "prometheus.io/scheme";
  public static final String WORKLOAD_LABEL = "plimsoll.dev/workload";
  public static final String NETWORK_LABEL = "plimsoll.dev/network";
  public static final String STACK_NAMESPACE_LABEL = "com.docker.stack.namespace";

  private SwarmTargets() {
  }

  public static SwarmDiscovery discover(SwarmSnapshot snapshot) {
    return discover(snapshot.services(), snapshot.tasks(), snapshot.nodes());
  }

  public static SwarmDiscovery discover(List<SwarmService> services, List<SwarmTask> tasks, List<SwarmNode> nodes) {
    Map<String, SwarmNode> nodesById = new HashMap<>();
    nodes.forEach(n -> nodesById.put(n.id(), n));
    Map<String, List<SwarmTask>> runningByService = new HashMap<>();
    for (SwarmTask task : tasks) {
      if (task.isRunning()) {
        runningByService.computeIfAbsent(task.serviceId(), k -> new ArrayList<>()).add(task);
      }
    }

    List<ScrapeTarget> targets = new ArrayList<>();
    List<SwarmWorkload> workloads = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<WorkloadId> seen = new HashSet<>();
    for (SwarmService service : services.stream().sorted(Comparator.comparing(SwarmService::name)).toList()) {
      if (!optedIn(service.labels())) {
        continue;
      }
      WorkloadId id;
      try {
        id = workloadId(service);
      } catch (IllegalArgumentException e) {
        problems.add("service " + service.name() + ": label " + WORKLOAD_LABEL + " is invalid: " + e.getMessage());
        continue;
      }
      if (!seen.add(id)) {
        problems.add("service " + service.name() + ": workload " + id + " is already taken by another service; skipped");
        continue;
      }
      List<SwarmTask> running = runningByService.getOrDefault(service.id(), List.of());
      workloads.add(new SwarmWorkload(id, service.id(), service.name(), service.mode(), running.size()));
      ScrapeSettings settings;
      try {
        settings = settings(service);
      } catch (IllegalArgumentException e) {
        problems.add("service " + service.name() + ": " + e.getMessage());
        continue;
      }
      for (SwarmTask task : running) {
        SwarmNode node = nodesById.get(task.nodeId());
        String replica = task.slot() > 0 ? service.name() + "." + task.slot() : task.id();
        Optional<String> hostPort = address(task, node, settings, service, problems);
        hostPort.ifPresent(a -> targets.add(new ScrapeTarget(URI.create(settings.scheme + "://" + a + settings.path), id, replica,
            labels(service, task, node))));
      }
    }
    targets.sort(Comparator.comparing((ScrapeTarget t) -> t.workload().toString()).thenComparing(ScrapeTarget::replica));
    workloads.sort(Comparator.comparing(w -> w.id().toString()));
    return new SwarmDiscovery(targets, workloads, problems);
  }

  /** Whether the service labels opt in: {@code true} in either scrape label, ignoring case. */
  public static boolean optedIn(Map<String, String> serviceLabels) {
    return "true".equalsIgnoreCase(serviceLabels.getOrDefault(SCRAPE_LABEL, "").strip())
        || "true".equalsIgnoreCase(serviceLabels.getOrDefault(PLIMSOLL_SCRAPE_LABEL, "").strip());
  }

  /**
   * The workload a service is known as.
   *
   * @throws IllegalArgumentException when {@code plimsoll.dev/workload} is set but not a valid id
   */
  public static WorkloadId workloadId(SwarmService service) {
    String override = service.labels().getOrDefault(WORKLOAD_LABEL, "").strip();
    if (!override.isEmpty()) {
      return WorkloadId.parse(override);
    }
    return new WorkloadId("swarm", stackNamespace(service), "Service", service.name());
  }

  /** The service's stack namespace ({@code com.docker.stack.namespace}), {@code default} when it has none. */
  public static String stackNamespace(SwarmService service) {
    String namespace = service.labels().getOrDefault(STACK_NAMESPACE_LABEL, "").strip();
    return namespace.isEmpty() ? "default" : namespace;
  }

  private record ScrapeSettings(int port, String path, String scheme, String network) {
  }

  private static ScrapeSettings settings(SwarmService service) {
    Map<String, String> labels = service.labels();
    int port;
    String portLabel = labels.getOrDefault(PORT_LABEL, "").strip();
    if (!portLabel.isEmpty()) {
      try {
        port = Integer.parseInt(portLabel);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("label " + PORT_LABEL + "='" + portLabel + "' is not a port number");
      }
    } else {
      List<Integer> published = service.ports().stream().filter(PortBinding::isTcp).map(PortBinding::targetPort).distinct().toList();
      if (published.size() != 1) {
        throw new IllegalArgumentException("no " + PORT_LABEL + " label, and the service publishes " + published.size()
            + " TCP ports " + published + " rather than exactly one");
      }
      port = published.get(0);
    }
    String path = labels.getOrDefault(PATH_LABEL, "").strip();
    if (path.isEmpty()) {
      path = "/metrics";
    } else if (!path.startsWith("/")) {
      path = "/" + path;
    }
    if (path.chars().anyMatch(c -> c <= ' ' || c == '#' || c == '"' || c == '<' || c == '>' || c == '\\' || c >= 127)) {
      throw new IllegalArgumentException("label " + PATH_LABEL + "='" + path + "' is not a URL path");
    }
    String scheme = labels.getOrDefault(SCHEME_LABEL, "").strip().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      scheme = "http";
    } else if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("label " + SCHEME_LABEL + "='" + scheme + "' is neither http nor https");
    }
    return new ScrapeSettings(port, path, scheme, labels.getOrDefault(NETWORK_LABEL, "").strip());
  }

  private static Optional<String> address(SwarmTask task, SwarmNode node, ScrapeSettings settings, SwarmService service, List<String> problems) {
    String where = "service " + service.name() + ", task " + task.id() + ": ";
    for (PortBinding binding : task.ports()) {
      if (binding.isTcp() && binding.isHostMode() && binding.targetPort() == settings.port && binding.publishedPort() > 0) {
        if (node == null || node.address().isEmpty()) {
          problems.add(where + "port " + settings.port + " is published on node " + task.nodeId() + " whose address is unknown");
          return Optional.empty();
        }
        return Optional.of(hostPort(node.address(), binding.publishedPort()));
      }
    }
    for (NetworkAttachment network : task.networks()) {
      if (network.ingress() || network.addresses().isEmpty()) {
        continue;
      }
      if (!settings.network.isEmpty() && !settings.network.equals(network.networkName())) {
        continue;
      }
      String address = network.addresses().get(0);
      int slash = address.indexOf('/');
      return Optional.of(hostPort(slash >= 0 ? address.substring(0, slash) : address, settings.port));
    }
    problems.add(where + (settings.network.isEmpty()
        ? "neither a host-mode published port " + settings.port + " nor an address on an overlay network other than ingress"
        : "neither a host-mode published port " + settings.port + " nor an address on network " + settings.network));
    return Optional.empty();
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static Map<String, String> labels(SwarmService service, SwarmTask task, SwarmNode node) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("task_id", task.id());
    labels.put("task_slot", Integer.toString(task.slot()));
    labels.put("container_id", task.containerId());
    labels.put("service_id", service.id());
    labels.put("service_name", service.name());
    labels.put("service_mode", service.mode().label());
    labels.put("node_id", task.nodeId());
    if (node != null) {
      labels.put("node_hostname", node.hostname());
      labels.put("node_address", node.address());
      node.labels().forEach((k, v) -> labels.put("node_label_" + sanitize(k), v));
    }
    service.labels().forEach((k, v) -> labels.put("service_label_" + sanitize(k), v));
    return labels;
  }

  /** Replaces every character outside {@code [a-zA-Z0-9_]} with {@code _}, as Prometheus sanitises label names. */
  public static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return out.toString();
  }
}
