package dev.plimsoll.scaler.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.support.FakeSimulatorResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Swarm actuator wired in the scaler, against an Engine API stand-in that keeps a service's version
 * index and refuses a stale one as the Engine does (the docker-engine module's RealSwarmTest scales a
 * real swarm with the same client): opt-in by label, the labels' bounds, a retried version conflict, and
 * the running tasks as ready replicas.
 */
@QuarkusTest
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SwarmScaleTargetTest.Engine.class)
class SwarmScaleTargetTest {
  static final AtomicInteger REPLICAS = new AtomicInteger(2);
  static final AtomicInteger VERSION = new AtomicInteger(10);
  static final AtomicInteger UPDATES = new AtomicInteger();
  static final AtomicBoolean CONFLICT_ONCE = new AtomicBoolean();
  static volatile String optIn = "true";

  public static class Engine implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
      vertx = Vertx.vertx();
      ObjectMapper json = new ObjectMapper();
      try {
        int port = vertx.createHttpServer().requestHandler(r -> r.body().onSuccess(body -> {
          String path = r.path().replaceFirst("^/v1\\.\\d+", "");
          String service = """
              {"ID":"svc1","Version":{"Index":%d},"Spec":{"Name":"embedder","Labels":{"plimsoll.enable":"%s","plimsoll.max":"6",
               "com.docker.stack.namespace":"rag"},"Mode":{"Replicated":{"Replicas":%d}},"TaskTemplate":{"ContainerSpec":{"Image":"x"}}}}"""
              .formatted(VERSION.get(), optIn, REPLICAS.get());
          if (path.equals("/version")) {
            r.response().end("{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\"}");
          } else if (path.equals("/services/embedder") || path.equals("/services/svc1")) {
            r.response().putHeader("Content-Type", "application/json").end(service);
          } else if (path.equals("/services/svc1/update") && r.method().name().equals("POST")) {
            if (CONFLICT_ONCE.getAndSet(false) || !String.valueOf(VERSION.get()).equals(r.getParam("version"))) {
              VERSION.incrementAndGet(); // someone else updated meanwhile
              r.response().setStatusCode(500).end("{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}");
              return;
            }
            try {
              JsonNode spec = json.readTree(body.getBytes());
              REPLICAS.set(spec.path("Mode").path("Replicated").path("Replicas").asInt());
            } catch (java.io.IOException e) {
              r.response().setStatusCode(400).end("{\"message\":\"bad json\"}");
              return;
            }
            VERSION.incrementAndGet();
            UPDATES.incrementAndGet();
            r.response().end("{\"Warnings\":[]}");
          } else if (path.equals("/tasks")) {
            StringBuilder tasks = new StringBuilder("[");
            for (int i = 0; i < REPLICAS.get(); i++) {
              tasks.append(i == 0 ? "" : ",").append("""
                  {"ID":"t%d","ServiceID":"svc1","Slot":%d,"NodeID":"n1","DesiredState":"running","Status":{"State":"running"},
                   "Spec":{"ContainerSpec":{"Image":"x"}}}""".formatted(i, i + 1));
            }
            r.response().end(tasks.append("]").toString());
          } else {
            r.response().setStatusCode(404).end("{\"message\":\"no such service\"}");
          }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        return Map.of("scaler.swarm.enabled", "true", "scaler.swarm.host", "tcp://127.0.0.1:" + port);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void stop() {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  static final WorkloadId WORKLOAD = WorkloadId.parse("swarm/rag/Service/embedder");

  @Inject
  ScaleTargets targets;

  @BeforeEach
  void reset() {
    REPLICAS.set(2);
    optIn = "true";
  }

  @Test
  void readsAndScalesAnOptedInServiceWithinItsLabels() {
    ScaleTarget swarm = targets.forWorkload(WORKLOAD).orElseThrow();
    assertEquals(new ScaleTarget.Scale(2, 2), swarm.read(WORKLOAD).await().atMost(Duration.ofSeconds(10)));
    assertEquals(new ScaleTarget.Scale(4, 4), swarm.scale(WORKLOAD, 4).await().atMost(Duration.ofSeconds(10)));
    assertEquals(4, REPLICAS.get());
    // plimsoll.max=6 on the service bounds what the scaler may set.
    assertEquals(6, swarm.scale(WORKLOAD, 9).await().atMost(Duration.ofSeconds(10)).replicas());
  }

  @Test
  void aVersionConflictIsReadAgainAndRetried() {
    int before = UPDATES.get();
    CONFLICT_ONCE.set(true);
    assertEquals(3, targets.forWorkload(WORKLOAD).orElseThrow().scale(WORKLOAD, 3).await().atMost(Duration.ofSeconds(10)).replicas());
    assertEquals(before + 1, UPDATES.get());
  }

  @Test
  void aServiceThatHasNotOptedInIsNotScaled() {
    optIn = "false";
    var e = org.junit.jupiter.api.Assertions.assertThrows(ActuationException.class,
        () -> targets.forWorkload(WORKLOAD).orElseThrow().scale(WORKLOAD, 3).await().atMost(Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("plimsoll.enable=true"), e.getMessage());
    assertEquals(2, REPLICAS.get());
  }

  @Test
  void aWorkloadInAnotherStackNamespaceIsNotThisService() {
    // the service embedder is in stack rag: swarm/other/Service/embedder names another workload, and must not scale it
    WorkloadId other = WorkloadId.parse("swarm/other/Service/embedder");
    var e = org.junit.jupiter.api.Assertions.assertThrows(ActuationException.class,
        () -> targets.forWorkload(other).orElseThrow().scale(other, 3).await().atMost(Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("is in stack namespace rag, not other"), e.getMessage());
    assertEquals(2, REPLICAS.get());
  }
}
