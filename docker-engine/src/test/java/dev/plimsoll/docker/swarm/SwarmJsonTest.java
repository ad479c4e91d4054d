package dev.plimsoll.docker.swarm;

import static dev.plimsoll.docker.swarm.SwarmTargetsTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the recorded Engine 20.10 documents, and the shapes the reader must refuse or tolerate. */
class SwarmJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsARecordedHostModeTask() throws IOException {
    SwarmTask task = SwarmJson.tasks(fixture("tasks.json")).stream().filter(t -> t.id().equals("pjlto39roug8k2wagx6arh7s2")).findFirst().orElseThrow();
    assertEquals(new SwarmTask("pjlto39roug8k2wagx6arh7s2", "mhxc5iimp8f22tlf9emrgyai9", "hyoqmuo8d0zrgwkn472rm2iu6", 1, "running", "running",
        "e96369f2a9cd8ba45acdd00b7b1e193cfc394495f13b6dfdd587789dd1d5ecf7",
        // The Engine lists the binding twice (IPv4 and IPv6); it is kept once.
        List.of(new PortBinding("tcp", 8080, 32771, "host")), List.of()), task);
  }

  @Test
  void readsARecordedOverlayTask() throws IOException {
    SwarmTask task = SwarmJson.tasks(fixture("tasks.json")).get(0);
    assertEquals(List.of(new NetworkAttachment("l9y1uticx2oocmhckptwytq9p", "ingress", true, List.of("10.0.0.4/24")),
        new NetworkAttachment("qs4wqv9h70xcl7xq2q4gimjg3", "backend", false, List.of("10.0.1.3/24"))), task.networks());
  }

  @Test
  void readsRecordedServicesAndNodes() throws IOException {
    List<SwarmService> services = SwarmJson.services(fixture("services.json"));
    assertEquals(List.of("vllm", "probe", "agent", "metrics"), services.stream().map(SwarmService::name).toList());
    SwarmService vllm = services.get(0);
    assertEquals(32, vllm.version());
    assertEquals(List.of(new PortBinding("tcp", 8080, 9000, "ingress")), vllm.ports());
    assertEquals(new ServiceMode.Global(), services.get(2).mode());
    assertEquals(new SwarmNode("hyoqmuo8d0zrgwkn472rm2iu6", "vm", "127.0.0.1", "manager", "active", "ready", Map.of()),
        SwarmJson.nodes(fixture("nodes.json")).get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                   | node JSON                                                                                   | address
      Status.Addr                               | {"ID":"n","Status":{"Addr":"10.0.0.5"}}                                                     | 10.0.0.5
      manager reporting 0.0.0.0                 | {"ID":"n","Status":{"Addr":"0.0.0.0"},"ManagerStatus":{"Addr":"192.168.1.10:2377"}}         | 192.168.1.10
      IPv6 manager address                      | {"ID":"n","Status":{"Addr":"0.0.0.0"},"ManagerStatus":{"Addr":"[fd00::10]:2377"}}           | fd00::10
      nothing known                             | {"ID":"n","Status":{}}                                                                      | ''
      """)
  void nodeAddress(String name, String json, String address) throws IOException {
    assertEquals(address, SwarmJson.node(JSON.readTree(json)).address());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                    | Mode JSON                          | mode
      replicated                 | {"Replicated":{"Replicas":3}}      | Replicated[replicas=3]
      zero replicas              | {"Replicated":{"Replicas":0}}      | Replicated[replicas=0]
      global                     | {"Global":{}}                      | Global[]
      replicated job             | {"ReplicatedJob":{"MaxConcurrent":1}} | Other[name=ReplicatedJob]
      """)
  void serviceMode(String name, String mode, String expected) throws IOException {
    SwarmService service = SwarmJson.service(JSON.readTree("{\"ID\":\"s\",\"Spec\":{\"Name\":\"x\",\"Mode\":" + mode + "}}"));
    assertEquals(expected, service.mode().toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                       | document                              | message contains
      an error object, not a list   | {"message":"This node is not a swarm manager."} | expected a JSON array of tasks, got object
      an item without ID            | [{"ServiceID":"s"}]                   | a task object has no ID
      an item that is not an object | [42]                                  | expected a task object, got number
      """)
  void refusesTheWrongShape(String name, String document, String message) throws IOException {
    var e = assertThrows(IllegalArgumentException.class, () -> SwarmJson.tasks(JSON.readTree(document)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void toleratesAbsentOptionalFields() throws IOException {
    SwarmTask task = SwarmJson.task(JSON.readTree("{\"ID\":\"t\"}"));
    assertEquals(new SwarmTask("t", "", "", 0, "", "", "", List.of(), List.of()), task);
  }
}
