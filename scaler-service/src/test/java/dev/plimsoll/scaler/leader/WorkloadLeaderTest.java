package dev.plimsoll.scaler.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two scaler instances (each with its own connection pool to the real PostgreSQL, as two replicas would
 * have) and their workload leads: each workload has exactly one leader, the other instance stays out, and
 * when the leader stops its workloads go to the other at its next evaluation.
 */
class WorkloadLeaderTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  static io.vertx.mutiny.sqlclient.Pool pool() {
    var connect = new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setDatabase("plimsoll_test").setUser("plimsoll").setPassword("plimsoll");
    return io.vertx.mutiny.sqlclient.Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build());
  }

  @Test
  void exactlyOneInstanceLeadsEachWorkloadAndTheOtherTakesOverWhenItStops() {
    String run = UUID.randomUUID().toString();
    String chat = "simulated/" + run + "/Fleet/chat";
    String rag = "simulated/" + run + "/Fleet/rag";
    var poolA = pool();
    var poolB = pool();
    var a = new WorkloadLeader(poolA);
    var b = new WorkloadLeader(poolB);
    try {
      assertTrue(lead(a, chat), "A asks first and leads chat");
      assertFalse(lead(b, chat), "B must not act on chat while A leads it");
      assertTrue(lead(b, rag), "B asks first and leads rag");
      assertFalse(lead(a, rag), "A must not act on rag");
      assertTrue(lead(a, chat), "A keeps leading chat");
      assertEquals(Set.of(chat), a.led());
      assertEquals(Set.of(rag), b.led());

      assertEquals(1, a.term(chat), "A's first term on chat");
      assertEquals(0, a.term(rag), "A never led rag");
      a.close(); // replica A stops
      assertTrue(lead(b, chat), "B takes chat over once A is gone");
      assertEquals(Set.of(chat, rag), b.led());
      assertEquals(1, b.term(chat));
      b.release(chat).await().atMost(Duration.ofSeconds(5));
      assertTrue(lead(b, chat), "B takes chat again");
      assertEquals(2, b.term(chat), "a new term: what B remembered from its first one is stale");
      assertTrue(lead(b, chat));
      assertEquals(2, b.term(chat), "leading on is the same term");

      b.release(rag).await().atMost(Duration.ofSeconds(5));
      var c = new WorkloadLeader(poolA);
      assertTrue(lead(c, rag), "a released workload can be led by another instance");
      c.close();
    } finally {
      b.close();
      poolA.close().await().atMost(Duration.ofSeconds(5));
      poolB.close().await().atMost(Duration.ofSeconds(5));
    }
  }

  private static boolean lead(WorkloadLeader leader, String workload) {
    return leader.lead(workload).await().atMost(Duration.ofSeconds(5));
  }
}
