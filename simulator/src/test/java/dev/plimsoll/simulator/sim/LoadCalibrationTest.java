package dev.plimsoll.simulator.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.FleetReplica;
import dev.plimsoll.fleet.GpuPool;
import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.Replica;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.TracePlayer;
import dev.plimsoll.simulator.config.SimulatorConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plain JUnit: checks the default {@code simulator.trace.load-multiplier} against the default trace and profile,
 * in simulated time (10 simulated s = 1 wall s at the default speedup). One replica must be clearly overloaded
 * early, while 3 to 6 replicas serve the whole trace without a queue.
 */
class LoadCalibrationTest {

  private static final double MULTIPLIER = Double.parseDouble(SimulatorConfig.Trace.DEFAULT_LOAD_MULTIPLIER);
  private static Trace trace;

  @BeforeAll
  static void load() {
    trace = TraceSource.load(TraceSourceTest.BUNDLED);
  }

  /** Plays the trace at the default multiplier on {@code replicas} warm replicas; returns {waiting at check, max waiting}. */
  private static int[] play(int replicas, double checkAt, double until) {
    Fleet fleet = new Fleet("chat", ModelProfile.LLAMA_3_1_8B_H100, GpuPool.uniform(2, 8, "gpu", 1), 0);
    fleet.addReadyReplicas(replicas);
    TracePlayer player = new TracePlayer(trace, MULTIPLIER, false);
    int waitingAtCheck = -1;
    int maxWaiting = 0;
    for (double t = 1; t <= until; t++) {
      for (InferenceRequest r : player.releaseUpTo(t)) {
        fleet.advanceTo(r.arrival());
        fleet.submit(r);
      }
      fleet.advanceTo(t);
      int waiting = fleet.replicas().stream().map(FleetReplica::engine).mapToInt(e -> e.map(Replica::waiting).orElse(0)).sum();
      maxWaiting = Math.max(maxWaiting, waiting);
      if (t == checkAt) {
        waitingAtCheck = waiting;
      }
    }
    return new int[] {waitingAtCheck, maxWaiting};
  }

  @ParameterizedTest(name = "{0} replica(s)")
  @CsvSource(delimiter = '|', textBlock = """
      # replicas | waiting after 100 simulated s (10 wall s) at least | at most
      1          | 100                                                | 2000
      2          | 0                                                  | 0
      """)
  void oneReplicaQueuesWithinTenWallSeconds(int replicas, int atLeast, int atMost) {
    int[] result = play(replicas, 100, 100);
    assertTrue(result[0] >= atLeast && result[0] <= atMost, replicas + " replica(s): " + result[0] + " waiting after 100 s");
  }

  @ParameterizedTest(name = "{0} replica(s)")
  @CsvSource(delimiter = '|', textBlock = """
      # replicas | max waiting over the whole trace at least | at most
      2          | 100                                       | 100000
      3          | 0                                         | 0
      4          | 0                                         | 0
      6          | 0                                         | 0
      """)
  void threeToSixReplicasCopeWithTheWholeTrace(int replicas, int atLeast, int atMost) {
    double span = trace.spanSeconds() / MULTIPLIER;
    int max = play(replicas, -1, Math.ceil(span))[1];
    assertTrue(max >= atLeast && max <= atMost, replicas + " replica(s): at most " + max + " waiting");
  }
}
