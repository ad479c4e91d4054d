package dev.plimsoll.docker;

import static dev.plimsoll.docker.FakeEngine.json;
import static dev.plimsoll.docker.FakeEngine.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.docker.swarm.ServiceMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted fake Engine on a Unix domain socket: request shape, version negotiation, error
 * mapping, timeouts and the scale retry. The real daemon is exercised by {@link RealSwarmTest}.
 */
class DockerEngineTest {

  private static final EngineOptions FAST = EngineOptions.DEFAULTS.withConnectTimeout(Duration.ofMillis(500)).withReadTimeout(Duration.ofMillis(500));
  private static final String VERSION = """
      {"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","Os":"linux","Arch":"amd64"}""";
  private static final String SERVICE = """
      {"ID":"mhxc5iimp8f22tlf9emrgyai9","Version":{"Index":%d},
       "Spec":{"Name":"metrics","Labels":{"prometheus.io/scrape":"true"},
               "TaskTemplate":{"ContainerSpec":{"Image":"plimsoll-test-metrics:1"}},
               "Mode":{"Replicated":{"Replicas":2}},
               "EndpointSpec":{"Mode":"vip"}}}""";

  @Test
  void negotiatesTheApiVersionOnceAndSendsAWellFormedRequest() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> r.target().equals("/version") ? json(200, VERSION) : json(200, "[]"))) {
      DockerEngine client = new DockerEngine(engine.host(), FAST);
      assertEquals(List.of(), client.services());
      assertEquals(List.of(), client.nodes());
      assertEquals(List.of("/version", "/v1.41/services", "/v1.41/nodes"), engine.requests.stream().map(FakeEngine.Request::target).toList());
      FakeEngine.Request request = engine.requests.get(1);
      assertEquals("GET", request.method());
      assertEquals("docker", request.header("Host"));
      assertEquals("close", request.header("Connection"));
    }
  }

  @Test
  void capsANewerDaemonAtTheNewestVersionThisClientKnows() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(200, "{\"ApiVersion\":\"1.99\",\"MinAPIVersion\":\"1.44\"}"))) {
      assertEquals(DockerEngine.MAX_API_VERSION, new DockerEngine(engine.host(), FAST).apiVersion());
    }
  }

  @Test
  void aFixedApiVersionSkipsNegotiation() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(200, "[]"))) {
      new DockerEngine(engine.host(), FAST.withApiVersion("1.44")).nodes();
      assertEquals(List.of("/v1.44/nodes"), engine.requests.stream().map(FakeEngine.Request::target).toList());
    }
  }

  @Test
  void taskFiltersAreEncodedJson() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(200, "[]"))) {
      new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).tasks(Map.of("service", List.of("web"), "desired-state", List.of("running")));
      assertEquals("/v1.41/tasks?filters=%7B%22desired-state%22%3A%5B%22running%22%5D%2C%22service%22%3A%5B%22web%22%5D%7D",
          engine.requests.get(0).target());
    }
  }

  @Test
  void readsChunkedResponses() throws IOException {
    String body = "[{\"ID\":\"n1\",\"Description\":{\"Hostname\":\"vm\"},\"Status\":{\"State\":\"ready\",\"Addr\":\"10.0.0.5\"}}]";
    byte[] chunked = raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
        + Integer.toHexString(body.length() - 10) + ";ext=1\r\n" + body.substring(10) + "\r\n0\r\n\r\n");
    try (FakeEngine engine = new FakeEngine(r -> chunked)) {
      var nodes = new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).nodes();
      assertEquals("10.0.0.5", nodes.get(0).address());
    }
  }

  @Test
  void aNon2xxCarriesTheStatusAndTheEnginesMessage() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(404, "{\"message\":\"service nope not found\"}"))) {
      var e = assertThrows(DockerApiException.class, () -> new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).service("nope"));
      assertEquals(404, e.status());
      assertTrue(e.isNotFound());
      assertEquals("service nope not found", e.engineMessage());
      assertEquals("GET /v1.41/services/nope", e.request());
      assertTrue(e.getMessage().contains("404") && e.getMessage().contains("service nope not found"), e.getMessage());
    }
  }

  @Test
  void aBodyThatIsNotJsonIsAProtocolError() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> raw("HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\n<html>oops</html>"))) {
      var e = assertThrows(DockerEngineException.Protocol.class, () -> new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).services());
      assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }
  }

  @Test
  void jsonOfTheWrongShapeIsAProtocolError() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(200, "{\"message\":\"this node is not a swarm manager\"}"))) {
      var e = assertThrows(DockerEngineException.Protocol.class, () -> new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).tasks());
      assertTrue(e.getMessage().contains("expected a JSON array of tasks"), e.getMessage());
    }
  }

  @Test
  void aResponseLargerThanTheLimitIsRefused() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(200, "[" + "0,".repeat(2000) + "0]"))) {
      var e = assertThrows(DockerEngineException.Protocol.class,
          () -> new DockerEngine(engine.host(), FAST.withApiVersion("1.41").withMaxResponseBytes(1024)).services());
      assertTrue(e.getMessage().contains("exceeds the limit of 1024 bytes"), e.getMessage());
    }
  }

  @Test
  void aSilentDaemonTimesOutInsteadOfHanging() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> null)) {
      DockerEngine client = new DockerEngine(engine.host(), FAST.withApiVersion("1.41"));
      var e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(DockerEngineException.Timeout.class, client::services));
      assertTrue(e.getMessage().contains("within 500 ms"), e.getMessage());
    }
  }

  @Test
  void aMissingSocketIsUnreachable() {
    DockerEngine client = new DockerEngine(new DockerHost.Unix(Path.of("/tmp/plimsoll-no-such-dir/docker.sock")), FAST);
    var e = assertThrows(DockerEngineException.Unreachable.class, client::services);
    assertTrue(e.getMessage().contains("unix:///tmp/plimsoll-no-such-dir/docker.sock"), e.getMessage());
  }

  @Test
  void aClosedTcpPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    DockerEngine client = new DockerEngine(new DockerHost.Tcp("127.0.0.1", port), FAST);
    assertThrows(DockerEngineException.Unreachable.class, client::version);
  }

  @Test
  void tcpWorksToo() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (var socket = server.accept()) {
          socket.getInputStream().read(new byte[4096]);
          socket.getOutputStream().write(json(200, VERSION));
        } catch (IOException e) {
          // test fails on its own
        }
      });
      EngineVersion version = new DockerEngine(DockerHost.parse("tcp://127.0.0.1:" + server.getLocalPort()), FAST).version();
      assertEquals("1.41", version.apiVersion());
      assertEquals("20.10.24+dfsg1", version.version());
    }
  }

  @Test
  void scalingPostsTheWholeSpecWithTheVersionRead() throws Exception {
    try (FakeEngine engine = new FakeEngine(r -> r.method().equals("GET") ? json(200, SERVICE.formatted(12)) : json(200, "{\"Warnings\":null}"))) {
      ScaleResult result = new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).scaleService("metrics", 3);
      assertEquals(new ScaleResult("mhxc5iimp8f22tlf9emrgyai9", "metrics", 2, 3, true, 1, List.of()), result);
      // Read without insertDefaults (see DockerEngine#scaleService), written back by id with the version read.
      assertEquals("/v1.41/services/metrics", engine.requests.get(0).target());
      FakeEngine.Request update = engine.requests.get(1);
      assertEquals("/v1.41/services/mhxc5iimp8f22tlf9emrgyai9/update?version=12", update.target());
      assertEquals("application/json", update.header("Content-Type"));
      var spec = new ObjectMapper().readTree(update.body());
      assertEquals(3, spec.path("Mode").path("Replicated").path("Replicas").asInt());
      assertEquals("plimsoll-test-metrics:1", spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText());
      assertEquals("true", spec.path("Labels").path("prometheus.io/scrape").asText());
    }
  }

  @Test
  void aVersionConflictIsRetriedWithAFreshRead() throws IOException {
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger updates = new AtomicInteger();
    try (FakeEngine engine = new FakeEngine(r -> {
      if (r.method().equals("GET")) {
        return json(200, SERVICE.formatted(12 + reads.getAndIncrement()));
      }
      // What Engine 20.10 answers to a stale version.
      return updates.getAndIncrement() == 0 ? json(500, "{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}") : json(200, "{\"Warnings\":[\"w\"]}");
    })) {
      ScaleResult result = new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).scaleService("metrics", 5);
      assertEquals(2, result.attempts());
      assertEquals(List.of("w"), result.warnings());
      assertEquals("/v1.41/services/mhxc5iimp8f22tlf9emrgyai9/update?version=13", engine.requests.get(3).target());
    }
  }

  @Test
  void endlessConflictsGiveUpAfterTheConfiguredAttempts() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> r.method().equals("GET") ? json(200, SERVICE.formatted(12))
        : json(500, "{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}"))) {
      var e = assertThrows(ScaleConflictException.class, () -> new DockerEngine(engine.host(), FAST.withApiVersion("1.41").withScaleAttempts(3)).scaleService("metrics", 5));
      assertEquals(3, e.attempts());
      assertEquals(6, engine.requests.size());
    }
  }

  @Test
  void otherUpdateErrorsAreNotRetried() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> r.method().equals("GET") ? json(200, SERVICE.formatted(12)) : json(400, "{\"message\":\"bad spec\"}"))) {
      var e = assertThrows(DockerApiException.class, () -> new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).scaleService("metrics", 5));
      assertFalse(e.isVersionConflict());
      assertEquals(2, engine.requests.size());
    }
  }

  @Test
  void scalingToTheCurrentCountWritesNothing() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(200, SERVICE.formatted(12)))) {
      ScaleResult result = new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).scaleService("metrics", 2);
      assertFalse(result.changed());
      assertEquals(1, engine.requests.size());
    }
  }

  @Test
  void globalServicesCannotBeScaled() throws IOException {
    String global = SERVICE.formatted(3).replace("\"Replicated\":{\"Replicas\":2}", "\"Global\":{}");
    try (FakeEngine engine = new FakeEngine(r -> json(200, global))) {
      var e = assertThrows(ServiceNotScalableException.class, () -> new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).scaleService("metrics", 2));
      assertEquals("Global", e.mode());
      assertTrue(e.getMessage().contains("only replicated services can be scaled"), e.getMessage());
      assertEquals(1, engine.requests.size());
    }
  }

  @Test
  void serviceReadsTheMode() throws IOException {
    try (FakeEngine engine = new FakeEngine(r -> json(200, SERVICE.formatted(12)))) {
      assertEquals(new ServiceMode.Replicated(2), new DockerEngine(engine.host(), FAST.withApiVersion("1.41")).service("metrics").mode());
    }
  }

  @Test
  void callsFromManyThreadsEachGetTheirOwnAnswer() throws Exception {
    try (FakeEngine engine = new FakeEngine(r -> json(200, "[{\"ID\":\"" + r.target().substring(r.target().lastIndexOf('/') + 1) + "\"}]"))) {
      DockerEngine client = new DockerEngine(engine.host(), FAST.withApiVersion("1.41"));
      List<Thread> threads = new java.util.ArrayList<>();
      AtomicInteger ok = new AtomicInteger();
      for (int i = 0; i < 20; i++) {
        threads.add(Thread.ofVirtual().start(() -> {
          if (client.nodes().get(0).id().equals("nodes")) {
            ok.incrementAndGet();
          }
        }));
      }
      for (Thread t : threads) {
        t.join(5000);
      }
      assertEquals(20, ok.get());
    }
  }

  @Test
  void everyFailureIsADockerEngineException() {
    assertInstanceOf(RuntimeException.class, new DockerEngineException.Timeout("x"));
  }
}
