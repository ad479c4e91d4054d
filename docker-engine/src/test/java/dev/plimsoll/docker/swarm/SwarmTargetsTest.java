package dev.plimsoll.docker.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plimsoll.events.WorkloadId;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Discovery on documents recorded from a real single-node swarm (Engine 20.10.24, API 1.41; in
 * {@code src/test/resources/engine-20.10/}): {@code metrics} publishes 8080 in host mode with 4 replicas and two
 * shut-down tasks, {@code vllm} is on the overlay network {@code backend} and publishes 8080 through the ingress
 * mesh, {@code agent} is global with no network and no published port, {@code probe} does not opt in.
 * Plain JUnit: discovery is a function of three lists.
 */
class SwarmTargetsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void recordedSwarm() throws IOException {
    SwarmDiscovery discovery = SwarmTargets.discover(snapshot(fixture("services.json"), fixture("tasks.json"), fixture("nodes.json")));

    assertEquals(List.of(
        "swarm/demo/Service/metrics metrics.1 http://127.0.0.1:32771/metrics",
        "swarm/demo/Service/metrics metrics.2 http://127.0.0.1:32772/metrics",
        "swarm/demo/Service/metrics metrics.3 http://127.0.0.1:32770/metrics",
        "swarm/demo/Service/metrics metrics.4 http://127.0.0.1:32773/metrics",
        "swarm/llm/Service/vllm vllm.1 http://10.0.1.3:8080/metrics"),
        discovery.targets().stream().map(t -> t.workload() + " " + t.replica() + " " + t.url()).toList());
    assertEquals(List.of(
        new SwarmWorkload(WorkloadId.parse("swarm/default/Service/agent"), "m408ji4ouv782dsj287eigzih", "agent", new ServiceMode.Global(), 1),
        new SwarmWorkload(WorkloadId.parse("swarm/demo/Service/metrics"), "mhxc5iimp8f22tlf9emrgyai9", "metrics", new ServiceMode.Replicated(4), 4),
        new SwarmWorkload(WorkloadId.parse("swarm/llm/Service/vllm"), "i0essj4mqm4jqk0si61p6jftp", "vllm", new ServiceMode.Replicated(1), 1)),
        discovery.workloads());
    assertEquals(OptionalInt.empty(), discovery.workloads().get(0).desiredReplicas());
    assertEquals(OptionalInt.of(4), discovery.workloads().get(1).desiredReplicas());
    assertEquals(List.of("service agent, task w3svg4r9acwhw0o7uqigphlz2: neither a host-mode published port 8080 nor an address on an overlay network other than ingress"),
        discovery.problems());
  }

  @Test
  void targetLabelsMirrorDockerswarmSdNames() throws IOException {
    ScrapeTarget target = SwarmTargets.discover(snapshot(fixture("services.json"), fixture("tasks.json"), fixture("nodes.json"))).targets().get(0);
    assertEquals(Map.ofEntries(
        Map.entry("task_id", "pjlto39roug8k2wagx6arh7s2"),
        Map.entry("task_slot", "1"),
        Map.entry("container_id", "e96369f2a9cd8ba45acdd00b7b1e193cfc394495f13b6dfdd587789dd1d5ecf7"),
        Map.entry("service_id", "mhxc5iimp8f22tlf9emrgyai9"),
        Map.entry("service_name", "metrics"),
        Map.entry("service_mode", "replicated"),
        Map.entry("node_id", "hyoqmuo8d0zrgwkn472rm2iu6"),
        Map.entry("node_hostname", "vm"),
        Map.entry("node_address", "127.0.0.1"),
        Map.entry("service_label_com_docker_stack_namespace", "demo"),
        Map.entry("service_label_prometheus_io_port", "8080"),
        Map.entry("service_label_prometheus_io_scrape", "true")),
        target.labels());
  }

  /**
   * One row per rule: label edits ({@code key=value} sets, {@code -key} removes) on one recorded service, then the
   * targets of that service ({@code replica url}, comma-separated) and a problem the discovery must report.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                   | service | label edits                                    | targets                                                                 | problem
      host mode: node address + published port | metrics | ''                                             | metrics.1 http://127.0.0.1:32771/metrics, metrics.2 http://127.0.0.1:32772/metrics, metrics.3 http://127.0.0.1:32770/metrics, metrics.4 http://127.0.0.1:32773/metrics | ''
      path and scheme labels                   | metrics | prometheus.io/path=stats prometheus.io/scheme=HTTPS | metrics.1 https://127.0.0.1:32771/stats, metrics.2 https://127.0.0.1:32772/stats, metrics.3 https://127.0.0.1:32770/stats, metrics.4 https://127.0.0.1:32773/stats | ''
      sole published port stands in for label  | metrics | -prometheus.io/port                            | metrics.1 http://127.0.0.1:32771/metrics, metrics.2 http://127.0.0.1:32772/metrics, metrics.3 http://127.0.0.1:32770/metrics, metrics.4 http://127.0.0.1:32773/metrics | ''
      opt-in by plimsoll.dev/scrape            | metrics | -prometheus.io/scrape plimsoll.dev/scrape=TRUE | metrics.1 http://127.0.0.1:32771/metrics, metrics.2 http://127.0.0.1:32772/metrics, metrics.3 http://127.0.0.1:32770/metrics, metrics.4 http://127.0.0.1:32773/metrics | ''
      scrape=false opts out                    | metrics | prometheus.io/scrape=false                     | ''                                                                      | ''
      port not bound and no overlay            | metrics | prometheus.io/port=9100                        | ''                                                                      | service metrics, task pjlto39roug8k2wagx6arh7s2: neither a host-mode published port 9100
      port label not a number                  | metrics | prometheus.io/port=http                        | ''                                                                      | label prometheus.io/port='http' is not a port number
      port label out of range                  | metrics | prometheus.io/port=70000                       | ''                                                                      | is not a port number
      scheme other than http(s)                | metrics | prometheus.io/scheme=ftp                       | ''                                                                      | is neither http nor https
      path with a space                        | metrics | 'prometheus.io/path=/a b'                      | ''                                                                      | is not a URL path
      no port label and no published port      | agent   | -prometheus.io/port                            | ''                                                                      | no prometheus.io/port label, and the service publishes 0 TCP ports
      overlay: task IP and label port          | vllm    | ''                                             | vllm.1 http://10.0.1.3:8080/metrics                                     | ''
      ingress-published port is not host mode  | vllm    | -prometheus.io/port                            | vllm.1 http://10.0.1.3:8080/metrics                                     | ''
      network chosen by name                   | vllm    | plimsoll.dev/network=backend                   | vllm.1 http://10.0.1.3:8080/metrics                                     | ''
      ingress network is never used            | vllm    | plimsoll.dev/network=ingress                   | ''                                                                      | nor an address on network ingress
      unknown network                          | vllm    | plimsoll.dev/network=frontend                  | ''                                                                      | nor an address on network frontend
      """)
  void rules(String name, String service, String edits, String targets, String problem) throws IOException {
    ArrayNode services = fixture("services.json");
    for (JsonNode s : services) {
      if (s.path("Spec").path("Name").asText().equals(service)) {
        ObjectNode labels = (ObjectNode) s.path("Spec").path("Labels");
        for (String edit : edits.isBlank() ? new String[0] : edits.split(" (?=-|[a-z.]+/)")) {
          if (edit.startsWith("-")) {
            labels.remove(edit.substring(1));
          } else {
            labels.put(edit.substring(0, edit.indexOf('=')), edit.substring(edit.indexOf('=') + 1));
          }
        }
      }
    }
    SwarmDiscovery discovery = SwarmTargets.discover(snapshot(services, fixture("tasks.json"), fixture("nodes.json")));

    List<String> expected = targets.isBlank() ? List.of() : Arrays.stream(targets.split(",")).map(String::strip).toList();
    assertEquals(expected, discovery.targets().stream().filter(t -> t.labels().get("service_name").equals(service))
        .map(t -> t.replica() + " " + t.url()).toList());
    List<String> problems = discovery.problems().stream().filter(p -> p.startsWith("service " + service)).toList();
    if (problem.isBlank()) {
      assertEquals(List.of(), problems);
    } else {
      assertTrue(problems.stream().anyMatch(p -> p.contains(problem)), problems.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                          | labels                                                        | workload or problem
      stack namespace                  | com.docker.stack.namespace=demo                               | swarm/demo/Service/metrics
      no namespace label               | ''                                                            | swarm/default/Service/metrics
      blank namespace label            | com.docker.stack.namespace=                                   | swarm/default/Service/metrics
      full override                    | plimsoll.dev/workload=swarm/llm/Service/chat-pool            | swarm/llm/Service/chat-pool
      override wins over namespace     | com.docker.stack.namespace=demo plimsoll.dev/workload=x/y/z/w | x/y/z/w
      invalid override                 | plimsoll.dev/workload=just-a-name                             | !label plimsoll.dev/workload is invalid: workload id 'just-a-name' has 1 segment(s)
      """)
  void workloadIds(String name, String labels, String expected) throws IOException {
    ArrayNode services = fixture("services.json");
    ObjectNode metrics = null;
    for (JsonNode s : services) {
      if (s.path("Spec").path("Name").asText().equals("metrics")) {
        metrics = (ObjectNode) s;
      }
    }
    ObjectNode newLabels = metrics.with("Spec").putObject("Labels").put("prometheus.io/scrape", "true").put("prometheus.io/port", "8080");
    for (String label : labels.isBlank() ? new String[0] : labels.split(" ")) {
      newLabels.put(label.substring(0, label.indexOf('=')), label.substring(label.indexOf('=') + 1));
    }
    SwarmDiscovery discovery = SwarmTargets.discover(snapshot(services, fixture("tasks.json"), fixture("nodes.json")));
    if (expected.startsWith("!")) {
      assertTrue(discovery.problems().stream().anyMatch(p -> p.contains(expected.substring(1))), discovery.problems().toString());
      assertTrue(discovery.workloads().stream().noneMatch(w -> w.serviceName().equals("metrics")));
    } else {
      assertEquals(List.of(expected, expected, expected, expected),
          discovery.targets().stream().filter(t -> t.replica().startsWith("metrics.")).map(t -> t.workload().toString()).toList());
    }
  }

  @Test
  void aTaskBeingShutDownIsNotATargetEvenWhileStillRunning() throws IOException {
    ArrayNode tasks = fixture("tasks.json");
    for (JsonNode t : tasks) {
      if (t.path("ID").asText().equals("xppf6lxau6nue2oorfe8f8yo4")) {
        ((ObjectNode) t).put("DesiredState", "shutdown"); // scale-down in progress: state is still "running"
      }
    }
    SwarmDiscovery discovery = SwarmTargets.discover(snapshot(fixture("services.json"), tasks, fixture("nodes.json")));
    assertEquals(List.of("metrics.1", "metrics.2", "metrics.3", "vllm.1"), discovery.targets().stream().map(ScrapeTarget::replica).toList());
    assertEquals(3, discovery.workloads().get(1).runningTasks());
  }

  @Test
  void twoServicesClaimingOneWorkloadKeepTheFirst() throws IOException {
    ArrayNode services = fixture("services.json");
    for (JsonNode s : services) {
      ((ObjectNode) s.path("Spec").path("Labels")).put("plimsoll.dev/workload", "swarm/llm/Service/shared");
    }
    SwarmDiscovery discovery = SwarmTargets.discover(snapshot(services, fixture("tasks.json"), fixture("nodes.json")));
    assertEquals(List.of("agent"), discovery.workloads().stream().map(SwarmWorkload::serviceName).toList());
    assertTrue(discovery.problems().contains("service metrics: workload swarm/llm/Service/shared is already taken by another service; skipped"), discovery.problems().toString());
  }

  @Test
  void ipv6OverlayAddressesAreBracketed() throws IOException {
    ArrayNode tasks = fixture("tasks.json");
    for (JsonNode t : tasks) {
      if (t.path("ID").asText().equals("1lpc1wl6ps4zo11opokyv4puk")) {
        ((ArrayNode) t.path("NetworksAttachments").get(1).path("Addresses")).removeAll().add("fd00:1::3/64");
      }
    }
    SwarmDiscovery discovery = SwarmTargets.discover(snapshot(fixture("services.json"), tasks, fixture("nodes.json")));
    assertEquals("http://[fd00:1::3]:8080/metrics", discovery.targets().get(4).url().toString());
  }

  @Test
  void aGlobalServiceNamesItsReplicaByTaskId() throws IOException {
    ArrayNode tasks = fixture("tasks.json");
    for (JsonNode t : tasks) {
      if (t.path("ID").asText().equals("w3svg4r9acwhw0o7uqigphlz2")) {
        // The recorded agent task has no network; give it the backend network of the vllm task.
        ((ObjectNode) t).set("NetworksAttachments", tasks.get(0).path("NetworksAttachments").deepCopy());
      }
    }
    ScrapeTarget agent = SwarmTargets.discover(snapshot(fixture("services.json"), tasks, fixture("nodes.json"))).targets().get(0);
    assertEquals("w3svg4r9acwhw0o7uqigphlz2", agent.replica());
    assertEquals("0", agent.labels().get("task_slot"));
    assertEquals("global", agent.labels().get("service_mode"));
    assertEquals("swarm/default/Service/agent", agent.workload().toString());
  }

  @Test
  void aTaskOnAnUnknownNodeIsReportedNotGuessed() throws IOException {
    SwarmDiscovery discovery = SwarmTargets.discover(snapshot(fixture("services.json"), fixture("tasks.json"), JSON.createArrayNode()));
    assertEquals(List.of("vllm.1"), discovery.targets().stream().map(ScrapeTarget::replica).toList());
    assertEquals(4, discovery.problems().stream().filter(p -> p.contains("whose address is unknown")).count());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      com.docker.stack.namespace | com_docker_stack_namespace
      prometheus.io/port         | prometheus_io_port
      gpu-pool                   | gpu_pool
      already_fine_09            | already_fine_09
      ümlaut                     | _mlaut
      """)
  void sanitize(String name, String expected) {
    assertEquals(expected, SwarmTargets.sanitize(name));
  }

  static SwarmSnapshot snapshot(JsonNode services, JsonNode tasks, JsonNode nodes) {
    return new SwarmSnapshot(SwarmJson.services(services), SwarmJson.tasks(tasks), SwarmJson.nodes(nodes));
  }

  static ArrayNode fixture(String name) throws IOException {
    try (InputStream in = SwarmTargetsTest.class.getResourceAsStream("/engine-20.10/" + name)) {
      return (ArrayNode) JSON.readTree(in);
    }
  }
}
