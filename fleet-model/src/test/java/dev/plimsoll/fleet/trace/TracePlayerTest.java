package dev.plimsoll.fleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.InferenceRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TracePlayerTest {

  /** Arrivals 0, 10, 30 s: span 30 s, mean gap 15 s. */
  private static final Trace TRACE = new Trace(null, List.of(
      new InferenceRequest(0, 0, 100, 10),
      new InferenceRequest(1, 10, 200, 20),
      new InferenceRequest(2, 30, 300, 30)));

  private static List<Double> arrivals(List<InferenceRequest> requests) {
    return requests.stream().map(InferenceRequest::arrival).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                               | multiplier | loop  | up to | released arrivals
      original pace                        |        1.0 | false |    15 | 0.0 10.0
      twice the load halves the gaps       |        2.0 | false |    15 | 0.0 5.0 15.0
      half the load doubles them           |        0.5 | false |    30 | 0.0 20.0
      no loop stops at the end             |        1.0 | false |  1000 | 0.0 10.0 30.0
      loop restarts after span + mean gap  |        1.0 | true  |    60 | 0.0 10.0 30.0 45.0 55.0
      loop at 3x                           |        3.0 | true  |    20 | 0.0 3.3333333333333335 10.0 15.0 18.333333333333332
      """)
  void releasesOnTheScaledClock(String name, double multiplier, boolean loop, double upTo, String expected) {
    TracePlayer player = new TracePlayer(TRACE, multiplier, loop);
    List<InferenceRequest> released = player.releaseUpTo(upTo);
    List<Double> want = java.util.Arrays.stream(expected.split(" ")).map(Double::valueOf).toList();
    assertEquals(want.size(), released.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i), released.get(i).arrival(), 1e-9);
      assertEquals(i, released.get(i).id(), "fresh ids, unique across loops");
      assertEquals(TRACE.requests().get(i % 3).promptTokens(), released.get(i).promptTokens());
    }
    assertEquals(want.size(), player.released());
  }

  @Test
  void releasesIncrementallyAndReportsTheNextArrival() {
    TracePlayer player = new TracePlayer(TRACE, 1, false);
    assertEquals(List.of(0.0), arrivals(player.releaseUpTo(5)));
    assertEquals(10, player.nextArrival());
    assertEquals(List.of(), player.releaseUpTo(9.99));
    assertEquals(List.of(10.0, 30.0), arrivals(player.releaseUpTo(30)));
    assertTrue(player.finished());
    assertEquals(Double.POSITIVE_INFINITY, player.nextArrival());
  }

  @Test
  void emptyTraceReleasesNothing() {
    TracePlayer player = new TracePlayer(new Trace(null, List.of()), 1, true);
    assertTrue(player.finished());
    assertEquals(List.of(), player.releaseUpTo(1e9));
  }

  @Test
  void rejectsNonPositiveMultiplier() {
    assertThrows(IllegalArgumentException.class, () -> new TracePlayer(TRACE, 0, true));
    assertThrows(IllegalArgumentException.class, () -> new TracePlayer(TRACE, Double.NaN, true));
  }
}
