package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The search for the fewest replicas that meet the SLO, on thresholds (any count from the threshold up meets it). */
class HindsightTest {

  @ParameterizedTest(name = "threshold {0}, guess {1}, max {2}")
  @CsvSource(delimiter = '|', textBlock = """
      # threshold | guess | max | found (0: none)
      1           | 1     | 256 | 1
      1           | 200   | 256 | 1
      3           | 1     | 256 | 3
      3           | 3     | 256 | 3
      17          | 5     | 256 | 17
      17          | 200   | 256 | 17
      256         | 1     | 256 | 256
      256         | 256   | 256 | 256
      257         | 1     | 256 | 0
      257         | 256   | 256 | 0
      5           | 0     | 8   | 5
      5           | 99    | 8   | 5
      1           | 1     | 1   | 1
      2           | 1     | 1   | 0
      """)
  void fewestFindsTheThresholdWithoutTryingZeroOrBeyondMax(int threshold, int guess, int max, int found) {
    Set<Integer> tried = new HashSet<>();
    OptionalInt fewest = Hindsight.fewest(guess, max, count -> {
      assertTrue(count >= 1 && count <= max, "tried " + count);
      assertTrue(tried.add(count), "tried " + count + " twice");
      return count >= threshold;
    });
    assertEquals(found == 0 ? OptionalInt.empty() : OptionalInt.of(found), fewest);
    assertTrue(tried.size() <= 2 * (32 - Integer.numberOfLeadingZeros(max)) + 2, "a logarithmic number of replays: " + tried);
  }

  @ParameterizedTest(name = "meets at {0}, guess {1}")
  @CsvSource({"'3,4,9,10', 6", "'3,4,9,10', 1", "'2,7,10', 5", "'7,10', 1", "'1,5,6,7,8,10', 8"})
  void withANonMonotoneReplayTheCountReturnedAlwaysMeets(String meeting, int guess) {
    // More replicas do not always serve better in a replay (a request routed differently can miss): the search then
    // need not find the fewest, but what it returns was replayed and met the SLO.
    Set<Integer> meets = new HashSet<>();
    for (String c : meeting.split(",")) {
      meets.add(Integer.parseInt(c));
    }
    Set<Integer> tried = new HashSet<>();
    OptionalInt fewest = Hindsight.fewest(guess, 10, count -> {
      tried.add(count);
      return meets.contains(count);
    });
    assertTrue(fewest.isPresent(), "10 meets, so something is found");
    assertTrue(meets.contains(fewest.getAsInt()) && tried.contains(fewest.getAsInt()), "returned " + fewest + " of " + tried);
  }
}
