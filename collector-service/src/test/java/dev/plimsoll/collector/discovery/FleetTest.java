package dev.plimsoll.collector.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From the simulator's fleet list to targets: only READY replicas, and every fleet is a workload. */
class FleetTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                | replicas (id:state:has url ...)          | targets
      ready replicas are targets            | c-0:READY:y c-1:READY:y                   | c-0 c-1
      loading and pending ones are not      | c-0:READY:y c-1:LOADING:y c-2:PENDING:y   | c-0
      a ready replica without a url is not  | c-0:READY:n c-1:READY:y                   | c-1
      no ready replica                      | c-0:LOADING:y                             | ''
      no replicas                           | ''                                        | ''
      """)
  void targetsAreTheReadyReplicas(String name, String replicas, String expected) {
    var list = replicas.isBlank() ? List.<Fleet.Replica>of() : java.util.Arrays.stream(replicas.trim().split("\\s+")).map(r -> {
      String[] p = r.split(":");
      return new Fleet.Replica(p[0], p[1], p[2].equals("y") ? "http://sim/fleets/chat/replicas/" + p[0] + "/metrics" : null);
    }).toList();

    DiscoveredTargets discovered = Fleet.toTargets(List.of(new Fleet("chat", "demo", "simulated/demo/Fleet/chat", list)));

    assertEquals(List.of("simulated/demo/Fleet/chat"), List.copyOf(discovered.workloads()));
    assertEquals(expected.isBlank() ? List.of() : List.of(expected.trim().split("\\s+")),
        discovered.targets().stream().map(ScrapeTarget::replica).toList());
    discovered.targets().forEach(t -> assertEquals("simulated/demo/Fleet/chat", t.workload()));
  }

  @Test
  void readsTheContractsFleetJsonAndIgnoresUnknownFields() throws Exception {
    String json = """
        [{"name":"chat","namespace":"demo","workload":"simulated/demo/Fleet/chat","desiredReplicas":2,
          "readyReplicas":1,"gpusPerReplica":1,"modelProfile":"llama-3.1-8b-h100",
          "replicas":[{"id":"chat-0","state":"READY","node":"sim-node-0","gpus":["GPU-1"],
                       "metricsUrl":"http://127.0.0.1:8090/fleets/chat/replicas/chat-0/metrics",
                       "createdAt":"2026-11-28T02:00:00Z","readyAt":"2026-11-28T02:00:30Z"},
                      {"id":"chat-1","state":"LOADING","metricsUrl":"http://127.0.0.1:8090/fleets/chat/replicas/chat-1/metrics"}]},
         {"name":"batch","namespace":"jobs","replicas":null}]
        """;
    List<Fleet> fleets = mapper.readValue(json, new TypeReference<List<Fleet>>() {});

    DiscoveredTargets discovered = Fleet.toTargets(fleets);

    assertEquals(List.of("simulated/demo/Fleet/chat", "simulated/jobs/Fleet/batch"), List.copyOf(discovered.workloads()),
        "a fleet without a workload field gets simulated/<namespace>/Fleet/<name>");
    assertEquals(List.of(new ScrapeTarget("http://127.0.0.1:8090/fleets/chat/replicas/chat-0/metrics", "simulated/demo/Fleet/chat", "chat-0")),
        discovered.targets());
  }

  @Test
  void theSameUrlIsScrapedOnce() {
    var replica = new Fleet.Replica("c-0", "READY", "http://sim/metrics");
    var discovered = Fleet.toTargets(List.of(new Fleet("a", "demo", null, List.of(replica, replica))));
    assertEquals(1, discovered.targets().size());
  }
}
