package dev.plimsoll.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the fleet is driven by explicit simulated times. */
class FleetTest {

  private static final double LOAD = 60;

  /** Slow decode (1 token/s) so requests stay on their replicas for the length of a test. */
  private static ModelProfile profile(int gpusPerReplica) {
    return new ModelProfile("test", "test/model", gpusPerReplica, 1000, 1, 0, 64, 1_000_000, LOAD);
  }

  private static Fleet fleet(int nodes, int gpusPerNode, int gpusPerReplica) {
    return new Fleet("chat", profile(gpusPerReplica), GpuPool.uniform(nodes, gpusPerNode, "NVIDIA-H100-80GB-HBM3", 81559), 0);
  }

  private static InferenceRequest longRequest(long id, double arrival) {
    return new InferenceRequest(id, arrival, 10, 10_000);
  }

  private static String states(Fleet fleet) {
    return fleet.replicas().stream().map(r -> r.id() + ":" + r.state()).collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                 | loads before (per READY replica) | expected replica
      picks the least loaded                 | 3 1 2                            | chat-1
      ties go to the oldest                  | 2 2 2                            | chat-0
      an idle replica wins                   | 5 0 0                            | chat-1
      waiting counts as load too             | 0 9 1                            | chat-0
      """)
  void routesToLeastLoadedReadyReplica(String name, String loads, String expected) {
    Fleet fleet = fleet(1, 8, 1);
    fleet.addReadyReplicas(3);
    fleet.scaleTo(4, 0); // chat-3 is LOADING with no load: never picked
    int[] counts = Arrays.stream(loads.split(" ")).mapToInt(Integer::parseInt).toArray();
    long id = 0;
    for (int i = 0; i < counts.length; i++) {
      Replica engine = fleet.replicas().get(i).engine().orElseThrow();
      for (int k = 0; k < counts[i]; k++) {
        engine.enqueue(longRequest(id++, 0));
      }
    }
    fleet.submit(longRequest(99, 0));
    FleetReplica target = fleet.replica(expected).orElseThrow();
    Replica engine = target.engine().orElseThrow();
    int index = fleet.replicas().indexOf(target);
    assertEquals(counts[index] + 1, engine.waiting() + engine.running());
  }

  @Test
  void submitsSpreadRoundRobinOverEqualReplicas() {
    Fleet fleet = fleet(1, 8, 1);
    fleet.addReadyReplicas(3);
    for (int i = 0; i < 7; i++) {
      fleet.submit(longRequest(i, 0));
    }
    assertEquals(List.of(3, 2, 2), fleet.replicas().stream().map(FleetReplica::load).toList());
  }

  @Test
  void loadingBecomesReadyExactlyAfterModelLoadSeconds() {
    Fleet fleet = fleet(1, 8, 1);
    fleet.advanceTo(10);
    fleet.scaleTo(1, 10);
    FleetReplica replica = fleet.replicas().get(0);
    assertEquals(ReplicaState.LOADING, replica.state());
    assertEquals(10, replica.scheduledAt().orElseThrow());
    fleet.advanceTo(10 + LOAD - 1e-6);
    assertEquals(ReplicaState.LOADING, replica.state());
    assertTrue(replica.engine().isEmpty());
    fleet.advanceTo(10 + LOAD + 5);
    assertEquals(ReplicaState.READY, replica.state());
    assertEquals(10 + LOAD, replica.readyAt().orElseThrow(), "ready at the exact load time, not at the step");
    assertEquals(10 + LOAD + 5, replica.engine().orElseThrow().now());
  }

  @Test
  void requestsWaitInTheFleetUntilAReplicaIsReady() {
    Fleet fleet = fleet(1, 8, 1);
    fleet.scaleTo(1, 0);
    fleet.submit(new InferenceRequest(1, 0, 1000, 2));
    fleet.submit(new InferenceRequest(2, 0, 1000, 2));
    assertEquals(2, fleet.pendingRequests());
    fleet.advanceTo(LOAD);
    assertEquals(0, fleet.pendingRequests());
    Replica engine = fleet.replicas().get(0).engine().orElseThrow();
    fleet.advanceTo(LOAD + 100);
    ReplicaMetrics m = engine.metrics();
    assertEquals(2L, m.requestSuccess().get(FinishReason.STOP));
    // first: waits 60 s, prefills 1 s; second: also waits for the first prefill
    assertEquals((LOAD + 1) + (LOAD + 2), m.timeToFirstToken().sum(), 1e-9);
  }

  @Test
  void pendingWhenGpusRunOut() {
    Fleet fleet = fleet(1, 2, 1);
    fleet.scaleTo(3, 0);
    assertEquals("chat-0:LOADING chat-1:LOADING chat-2:PENDING", states(fleet));
    assertTrue(fleet.replica("chat-2").orElseThrow().node().isEmpty());
    assertTrue(fleet.replica("chat-2").orElseThrow().scheduledAt().isEmpty());
    assertEquals(0, fleet.pool().free());
    fleet.advanceTo(LOAD + 100);
    assertEquals("chat-0:READY chat-1:READY chat-2:PENDING", states(fleet), "PENDING never loads without GPUs");
    assertGpuAccounting(fleet);
  }

  @Test
  void pendingReplicaIsScheduledWhenGpusAreFreed() {
    GpuPool shared = GpuPool.uniform(1, 2, "NVIDIA-H100-80GB-HBM3", 81559);
    Fleet big = new Fleet("big", profile(2), shared, 0);
    Fleet chat = new Fleet("chat", profile(1), shared, 0);
    big.addReadyReplicas(1);
    chat.scaleTo(1, 0);
    assertEquals("chat-0:PENDING", states(chat));
    chat.advanceTo(10);
    assertEquals("chat-0:PENDING", states(chat));
    big.advanceTo(20);
    big.scaleTo(0, 20); // frees both GPUs
    chat.advanceTo(20);
    assertEquals("chat-0:LOADING", states(chat));
    assertEquals(20, chat.replicas().get(0).scheduledAt().orElseThrow());
    chat.advanceTo(20 + LOAD);
    assertEquals("chat-0:READY", states(chat));
    assertEquals(1, shared.allocated());
  }

  @Test
  void newestPendingGoFirstAndFreedGpusServeTheOldestPending() {
    Fleet fleet = fleet(1, 2, 2); // one replica fills the node
    fleet.addReadyReplicas(1);
    fleet.scaleTo(3, 0);
    assertEquals("chat-0:READY chat-1:PENDING chat-2:PENDING", states(fleet));
    fleet.scaleTo(2, 1);
    assertEquals("chat-0:READY chat-1:PENDING", states(fleet));
    fleet.scaleTo(0, 2);
    assertEquals(0, fleet.pool().allocated());
    fleet.scaleTo(2, 3);
    assertEquals("chat-3:LOADING chat-4:PENDING", states(fleet));
    fleet.advanceTo(3 + LOAD);
    assertEquals("chat-3:READY chat-4:PENDING", states(fleet));
    assertGpuAccounting(fleet);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                      | scale to | remaining
      one removal takes the newest PENDING        |        5 | chat-0:READY chat-1:READY chat-2:LOADING chat-3:LOADING chat-4:PENDING
      two take both PENDING                       |        4 | chat-0:READY chat-1:READY chat-2:LOADING chat-3:LOADING
      then LOADING, newest first                  |        3 | chat-0:READY chat-1:READY chat-2:LOADING
      then READY, newest first                    |        1 | chat-0:READY
      all                                         |        0 | ''
      """)
  void scaleDownOrder(String name, int scaleTo, String remaining) {
    Fleet fleet = fleet(1, 4, 1);
    fleet.addReadyReplicas(2); // chat-0, chat-1 READY
    fleet.scaleTo(6, 1); // chat-2, chat-3 LOADING; chat-4, chat-5 PENDING
    assertEquals("chat-0:READY chat-1:READY chat-2:LOADING chat-3:LOADING chat-4:PENDING chat-5:PENDING", states(fleet));
    fleet.scaleTo(scaleTo, 2);
    assertEquals(remaining, states(fleet));
    assertEquals(scaleTo, fleet.desiredReplicas());
    assertGpuAccounting(fleet);
  }

  @ParameterizedTest(name = "grace {0} s: {1} aborted, GPUs back at {2} s")
  @CsvSource({
      // the first of 10 output tokens after a 0.01 s prefill, 9 more at 1 token/s: the running requests finish at 9.01 s
      "30, 0, 10",   // long enough: they finish, GPUs held until the drain ends (seen at the advance to 10 s)
      "5, 2, 6",     // too short: at 6 s (removed at 1 s + 5 s) the two left are aborted
      "0, 2, 1"})    // none: aborted at once (the default)
  void aRemovedReplicaDrainsWithinItsGracePeriod(double grace, long abortedCount, double releasedAt) {
    ModelProfile tight = new ModelProfile("test", "test/model", 1, 1000, 1, 0, 2, 1_000_000, LOAD);
    Fleet fleet = new Fleet("chat", tight, GpuPool.uniform(1, 8, "gpu", 1), 0).terminationGraceSeconds(grace);
    fleet.addReadyReplicas(2);
    for (int i = 0; i < 4; i++) {
      fleet.submit(new InferenceRequest(i, 0, 10, 10)); // 2 running on each replica
    }
    fleet.scaleTo(1, 1);
    assertEquals(1, fleet.desiredReplicas());
    assertEquals(grace > 0 ? 1 : 0, fleet.drainingReplicas().size());
    fleet.submit(new InferenceRequest(9, 1, 10, 10));
    Replica survivor = fleet.replica("chat-0").orElseThrow().engine().orElseThrow();
    assertEquals(3, survivor.running() + survivor.waiting(), "a draining replica takes no new work");
    for (double t = 1; t <= 40; t += 1) {
      fleet.advanceTo(t);
      int expectedGpus = t < releasedAt ? 2 : 1;
      assertEquals(expectedGpus, fleet.heldGpus(), "GPUs held at " + t + " s");
      assertEquals(expectedGpus, fleet.pool().allocated());
    }
    assertEquals(abortedCount, fleet.abortedRequests());
    assertTrue(fleet.drainingReplicas().isEmpty());
  }

  @Test
  void aDispatchingGatewayHoldsWorkUntilAReplicaCanStartOnIt() {
    // Prefill 1,000 tokens/s: each 1,000-token prompt takes 1 s. Limit 1: a replica takes a request only when nothing of
    // its own still waits for a first token.
    Fleet fleet = fleet(1, 8, 1).dispatchLimit(1);
    fleet.addReadyReplicas(1);
    for (int i = 0; i < 100; i++) {
      fleet.submit(new InferenceRequest(i, 0, 1000, 2));
    }
    Replica first = fleet.replica("chat-0").orElseThrow().engine().orElseThrow();
    assertEquals(1, first.awaitingFirstToken());
    assertEquals(99, fleet.pendingRequests(), "held at the gateway, not queued behind the busy replica");
    fleet.advanceTo(1.2); // the first prompt is done at 1 s: the gateway hands the next one out
    assertEquals(98, fleet.pendingRequests());
    fleet.scaleTo(2, 1.2); // a new replica (60 s load) takes held work as soon as it is READY, at 61.2 s
    fleet.advanceTo(64);
    assertEquals(0, fleet.rejectedRequests());
    assertTrue(fleet.replica("chat-1").orElseThrow().engine().orElseThrow().metrics().promptTokens() >= 2000, "the new replica serves held work");
    assertTrue(fleet.pendingRequests() <= 100 - 63 - 2, fleet.pendingRequests() + " still held");
  }

  @Test
  void gpusFreedByADrainGoToAPendingReplicaWithoutTurningTheClockBack() {
    // One GPU: the replica removed at 1 s drains its long request until 31 s; the replica asked for meanwhile gets the
    // GPU at the end of that advance and is READY a cold start later.
    Fleet fleet = new Fleet("chat", profile(1), GpuPool.uniform(1, 1, "gpu", 1), 0).terminationGraceSeconds(30).dispatchLimit(2);
    fleet.addReadyReplicas(1);
    fleet.submit(longRequest(0, 0));
    fleet.scaleTo(0, 1);
    fleet.scaleTo(1, 1);
    assertEquals("chat-1:PENDING", states(fleet));
    fleet.advanceTo(40);
    assertEquals("chat-1:LOADING", states(fleet));
    fleet.advanceTo(40 + LOAD + 1);
    assertEquals("chat-1:READY", states(fleet));
    assertEquals(40 + LOAD + 1, fleet.now());
    fleet.advanceTo(200); // time only moves forward
    assertEquals(200, fleet.now());
  }

  @Test
  void aDispatchingGatewayKeepsAReplicaBusyWithShortPrompts() {
    // 200-token prompts prefill in 0.2 s on this profile: handed out as each prefill ends, not on a grid.
    Fleet fleet = fleet(1, 8, 1).dispatchLimit(1);
    fleet.addReadyReplicas(1);
    for (int i = 0; i < 100; i++) {
      fleet.submit(new InferenceRequest(i, 0, 200, 1));
    }
    fleet.advanceTo(10);
    assertEquals(50, fleet.replica("chat-0").orElseThrow().engine().orElseThrow().metrics().promptTokens() / 200);
  }

  @Test
  void dispatchLimitMustNotBeNegative() {
    assertThrows(IllegalArgumentException.class, () -> fleet(1, 8, 1).dispatchLimit(-1));
  }

  @Test
  void gracePeriodMustBeAFiniteNonNegativeNumber() {
    Fleet fleet = fleet(1, 8, 1);
    assertThrows(IllegalArgumentException.class, () -> fleet.terminationGraceSeconds(-1));
    assertThrows(IllegalArgumentException.class, () -> fleet.terminationGraceSeconds(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> fleet.terminationGraceSeconds(Double.POSITIVE_INFINITY));
  }

  @Test
  void removedReadyReplicaRequeuesWaitingAndAbortsRunning() {
    ModelProfile tight = new ModelProfile("test", "test/model", 1, 1000, 1, 0, 2, 1_000_000, LOAD);
    Fleet fleet = new Fleet("chat", tight, GpuPool.uniform(1, 8, "gpu", 1), 0);
    fleet.addReadyReplicas(2);
    for (int i = 0; i < 6; i++) {
      fleet.submit(longRequest(i, 0)); // 3 each: 2 running + 1 waiting per replica
    }
    Replica survivor = fleet.replica("chat-0").orElseThrow().engine().orElseThrow();
    Replica removed = fleet.replica("chat-1").orElseThrow().engine().orElseThrow();
    assertEquals(1, removed.waiting());
    fleet.scaleTo(1, 1);
    assertEquals(2L, removed.metrics().requestSuccess().get(FinishReason.ABORT));
    assertEquals(2, fleet.abortedRequests());
    assertEquals(2, survivor.running());
    assertEquals(2, survivor.waiting(), "its own waiting request plus the re-routed one");
    assertEquals(1, fleet.pool().allocated());
  }

  @Test
  void removingEveryReadyReplicaHoldsRequestsInTheFleet() {
    Fleet fleet = fleet(1, 8, 1);
    fleet.addReadyReplicas(1);
    ModelProfile p = fleet.profile();
    for (int i = 0; i < p.maxNumSeqs() + 3; i++) {
      fleet.submit(longRequest(i, 0));
    }
    fleet.scaleTo(0, 1);
    assertEquals(3, fleet.pendingRequests());
    fleet.scaleTo(1, 2);
    fleet.advanceTo(2 + LOAD);
    assertEquals(0, fleet.pendingRequests());
    assertEquals(3, fleet.replicas().get(0).engine().orElseThrow().running());
  }

  @Test
  void multiGpuReplicasStayOnOneNode() {
    Fleet fleet = fleet(2, 8, 4);
    fleet.scaleTo(5, 0);
    assertEquals("chat-0:LOADING chat-1:LOADING chat-2:LOADING chat-3:LOADING chat-4:PENDING", states(fleet));
    for (FleetReplica r : fleet.replicas()) {
      assertEquals(r.state() == ReplicaState.PENDING ? 0 : 4, r.gpus().size());
      assertEquals(1, r.gpus().stream().map(SimGpu::node).distinct().count() + (r.gpus().isEmpty() ? 1 : 0));
    }
    assertEquals(List.of("sim-node-0", "sim-node-0", "sim-node-1", "sim-node-1"),
        fleet.replicas().subList(0, 4).stream().map(r -> r.node().orElseThrow()).toList());
    assertGpuAccounting(fleet);
  }

  @Test
  void rejectsNegativeScaleAndTimeTravel() {
    Fleet fleet = fleet(1, 8, 1);
    assertThrows(IllegalArgumentException.class, () -> fleet.scaleTo(-1, 0));
    fleet.advanceTo(5);
    assertThrows(IllegalArgumentException.class, () -> fleet.scaleTo(1, 4));
  }

  @Test
  void zeroModelLoadIsReadyAtOnce() {
    Fleet fleet = new Fleet("chat", profile(1).withModelLoadSeconds(0), GpuPool.uniform(1, 2, "gpu", 1), 3);
    fleet.scaleTo(2, 3);
    assertEquals("chat-0:READY chat-1:READY", states(fleet));
  }

  /** Two sequences at most per replica, requests that stay for hours: the queues only fill. */
  private static Fleet tightFleet(int maxWaiting, int maxPending) {
    ModelProfile tight = new ModelProfile("test", "test/model", 1, 1000, 1, 0, 2, 1_000_000, LOAD);
    return new Fleet("chat", tight, GpuPool.uniform(1, 8, "gpu", 1), 0, new RouterLimits(maxWaiting, maxPending));
  }

  private static List<Integer> waitingPerReplica(Fleet fleet) {
    return fleet.replicas().stream().map(r -> r.engine().map(Replica::waiting).orElse(0)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                        | READY | max waiting | max pending | submitted | waiting per replica | pending | rejected
      under the caps nothing is rejected            |     2 |           3 |          10 |         8 | 2 2                 |       0 |        0
      full replicas reject the rest                 |     2 |           3 |          10 |        14 | 3 3                 |       0 |        4
      the router queue is only for no READY replica |     1 |           1 |          10 |         5 | 1                   |       0 |        2
      no READY replica: the router holds max-pending|     0 |           3 |           4 |         7 | ''                  |       4 |        3
      max-pending 0 rejects at once                 |     0 |           3 |           0 |         3 | ''                  |       0 |        3
      the defaults                                  |     1 |        1024 |        4096 |      1030 | 1024                |       0 |        4
      """)
  void routerShedsLoadBeyondItsCaps(String name, int ready, int maxWaiting, int maxPending, int submitted, String waiting,
      int pending, int rejected) {
    Fleet fleet = maxWaiting == RouterLimits.DEFAULT_MAX_WAITING_PER_REPLICA && maxPending == RouterLimits.DEFAULT_MAX_PENDING
        ? new Fleet("chat", new ModelProfile("test", "test/model", 1, 1000, 1, 0, 2, 1_000_000, LOAD), GpuPool.uniform(1, 8, "gpu", 1), 0)
        : tightFleet(maxWaiting, maxPending);
    fleet.addReadyReplicas(ready);
    long accepted = 0;
    for (int i = 0; i < submitted; i++) {
      accepted += fleet.submit(longRequest(i, 0)) ? 1 : 0;
    }
    List<Integer> expectedWaiting = waiting.isBlank() ? List.of() : Arrays.stream(waiting.split(" ")).map(Integer::valueOf).toList();
    assertEquals(expectedWaiting, waitingPerReplica(fleet));
    assertEquals(pending, fleet.pendingRequests());
    assertEquals(rejected, fleet.rejectedRequests());
    assertEquals(submitted - rejected, accepted, "submit says which requests it rejected");
    assertEquals(submitted, fleet.submittedRequests());
    assertConservation(fleet);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                          | max waiting | max pending | scale to | waiting per replica | pending | rejected
      survivor full: the router holds the three       |           3 |          10 |        1 | 3                   |       3 |        0
      survivor full, router queue fills               |           3 |           2 |        1 | 3                   |       2 |        1
      survivor with room takes what fits              |           5 |          10 |        1 | 5                   |       1 |        0
      scaled to zero: the router holds max-pending    |           3 |           4 |        0 | ''                  |       4 |        2
      scaled to zero with no router queue             |           3 |           0 |        0 | ''                  |       0 |        6
      """)
  void scaleDownTakesQueuedRequestsBackWithinTheCaps(String name, int maxWaiting, int maxPending, int scaleTo, String waiting,
      int pending, int rejected) {
    Fleet fleet = tightFleet(maxWaiting, maxPending);
    fleet.addReadyReplicas(2);
    for (int i = 0; i < 10; i++) {
      fleet.advanceTo(i * 0.01);
      fleet.submit(longRequest(i, i * 0.01)); // alternately: 2 running + 3 waiting on each replica
    }
    assertEquals(List.of(3, 3), waitingPerReplica(fleet));
    fleet.scaleTo(scaleTo, 1);
    List<Integer> expectedWaiting = waiting.isBlank() ? List.of() : Arrays.stream(waiting.split(" ")).map(Integer::valueOf).toList();
    assertEquals(expectedWaiting, waitingPerReplica(fleet));
    assertEquals(pending, fleet.pendingRequests());
    assertEquals(rejected, fleet.rejectedRequests());
    assertEquals(2L * (2 - scaleTo), fleet.abortedRequests());
    fleet.submit(longRequest(99, 1));
    assertEquals(rejected + 1, fleet.rejectedRequests(), "with every queue full, a new arrival is shed");
    assertEquals(pending, fleet.pendingRequests(), "and takes no place in the router queue");
  }

  @Test
  void heldRequestsBeyondANewReplicasRoomAreServedLaterNotDropped() {
    Fleet fleet = tightFleet(3, 8);
    fleet.scaleTo(1, 0); // LOADING
    for (int i = 0; i < 10; i++) {
      fleet.submit(new InferenceRequest(i, 0, 1000, 2)); // 1 s prefill + 1 s decode each
    }
    assertEquals(8, fleet.pendingRequests());
    assertEquals(2, fleet.rejectedRequests());
    fleet.advanceTo(LOAD);
    Replica engine = fleet.replicas().get(0).engine().orElseThrow();
    assertEquals(2, engine.running());
    assertEquals(3, engine.waiting());
    assertEquals(3, fleet.pendingRequests(), "what the new replica has no room for stays with the router");
    assertEquals(false, fleet.submit(new InferenceRequest(20, LOAD, 1000, 2)), "held requests go first");
    for (int t = 1; t <= 100; t++) {
      fleet.advanceTo(LOAD + t); // held requests are handed out at the fleet's advances
    }
    assertEquals(0, fleet.pendingRequests());
    assertEquals(8L, engine.metrics().requestSuccess().get(FinishReason.STOP));
    assertEquals(3, fleet.rejectedRequests());
    assertConservation(fleet);
  }

  @Test
  void anUnderSizedFleetStaysBoundedUnderEndlessLoad() {
    Fleet fleet = tightFleet(50, 100);
    fleet.addReadyReplicas(1);
    int steps = 20_000;
    for (int k = 0; k < steps; k++) { // 10 req/s for 2000 s; the replica finishes fewer than 2 req/s
      double t = k / 10.0;
      fleet.advanceTo(t);
      fleet.submit(new InferenceRequest(k, t, 100, 2));
      if (k == 10_000) {
        fleet.scaleTo(0, t); // and with no replica at all for a while
        assertEquals(50, fleet.pendingRequests(), "the removed replica's waiting requests go back to the router");
      }
      if (k == 15_000) {
        fleet.addReadyReplicas(1);
      }
      List<Integer> waiting = waitingPerReplica(fleet);
      assertTrue(waiting.stream().allMatch(w -> w <= 50), () -> "waiting " + waiting);
      assertTrue(fleet.pendingRequests() <= 100, () -> "pending " + fleet.pendingRequests());
    }
    assertTrue(fleet.rejectedRequests() > steps / 2, () -> fleet.rejectedRequests() + " of " + steps + " rejected");
    assertConservation(fleet);
  }

  @ParameterizedTest(name = "max waiting {0}, max pending {1}")
  @CsvSource({"0, 10", "-1, 10", "1, -1"})
  void routerLimitsMustBeSensible(int maxWaiting, int maxPending) {
    assertThrows(IllegalArgumentException.class, () -> new RouterLimits(maxWaiting, maxPending));
  }

  /** Every submitted request is somewhere: served, aborted, running, waiting, held by the router or rejected. */
  private static void assertConservation(Fleet fleet) {
    long onReplicas = 0;
    for (FleetReplica r : fleet.replicas()) {
      Replica e = r.engine().orElse(null);
      if (e != null) {
        onReplicas += e.finishedRequests() + e.running() + e.waiting() + e.rejectedRequests();
      }
    }
    long accounted = onReplicas + fleet.pendingRequests() + fleet.rejectedRequests();
    boolean noneRemoved = fleet.replicas().stream().allMatch(r -> r.ordinal() < fleet.replicas().size());
    if (noneRemoved) {
      assertEquals(fleet.submittedRequests(), accounted);
    } else { // what removed replicas finished is gone with them
      assertTrue(accounted <= fleet.submittedRequests(), accounted + " > " + fleet.submittedRequests());
    }
  }

  private static void assertGpuAccounting(Fleet fleet) {
    int held = fleet.replicas().stream().mapToInt(r -> r.gpus().size()).sum();
    assertEquals(held, fleet.pool().allocated());
    assertEquals((fleet.desiredReplicas() - fleet.count(ReplicaState.PENDING)) * fleet.profile().gpusPerReplica(), held);
    for (FleetReplica r : fleet.replicas()) {
      for (SimGpu gpu : r.gpus()) {
        assertEquals(r.id(), fleet.pool().allocatedTo(gpu).orElseThrow());
      }
    }
  }
}
