package dev.plimsoll.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.plimsoll.kubernetes.KubernetesDiscoveryException.Failure;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start must report, within the sync timeout, an API server it cannot use; never hang. */
class KubernetesPodDiscoveryFailureTest {

  private KubernetesClient client;
  private KubernetesPodDiscovery discovery;
  private HttpServer forbidding;

  @AfterEach
  void tearDown() {
    if (discovery != null) {
      discovery.close();
    }
    if (client != null) {
      client.close();
    }
    if (forbidding != null) {
      forbidding.stop(0);
    }
  }

  @Test
  void unreachableApiServerIsReportedWithinTheSyncTimeout() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort(); // nothing listens there once closed
    }
    client = clientFor("http://127.0.0.1:" + closedPort);
    discovery = new KubernetesPodDiscovery(client, List.of(), null, Duration.ofSeconds(2));

    long startedAt = System.nanoTime();
    var e = assertThrows(KubernetesDiscoveryException.class, discovery::start);
    Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "bounded by the 2 s sync timeout (+ 1 s probe), took " + took);
    assertEquals(Failure.UNREACHABLE, e.failure(), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
    assertFalse(discovery.isWatching());
    assertEquals(e, discovery.lastError().orElseThrow());
    assertEquals(PodDiscoverySnapshot.empty(), discovery.current());
  }

  @Test
  void forbiddenListFailsAtOnceNamingTheMissingPermission() throws IOException {
    forbidding = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    forbidding.createContext("/", exchange -> {
      String resource = exchange.getRequestURI().getPath().contains("replicasets") ? "replicasets" : "pods";
      byte[] body = ("""
          {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"Forbidden","code":403,
           "message":"%s is forbidden: User \\"system:serviceaccount:plimsoll:collector\\" cannot list resource \\"%s\\" at the cluster scope",
           "details":{"kind":"%s"}}""".formatted(resource, resource, resource)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(403, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    forbidding.start();
    client = clientFor("http://127.0.0.1:" + forbidding.getAddress().getPort());
    discovery = new KubernetesPodDiscovery(client, List.of(), null, Duration.ofSeconds(10));

    long startedAt = System.nanoTime();
    var e = assertThrows(KubernetesDiscoveryException.class, discovery::start);
    Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "no waiting for the timeout on a 403, took " + took);
    assertEquals(Failure.FORBIDDEN, e.failure(), e.getMessage());
    assertTrue(e.getMessage().contains("list/watch"), e.getMessage());
    assertTrue(e.getMessage().contains("get, list and watch on pods") && e.getMessage().contains("replicasets"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot list resource"), "keeps the API server's words: " + e.getMessage());
    assertFalse(discovery.isWatching());
    assertEquals(Failure.FORBIDDEN, discovery.lastError().orElseThrow().failure());
  }

  private static KubernetesClient clientFor(String masterUrl) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).withRequestTimeout(2_000).withConnectionTimeout(1_000).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
