package dev.plimsoll.scaler.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.scaler.decision.StabilizationWindow.Recommendation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rolling maximum on its own. The first five rows are the HPA's horizontal_test.go
 * {@code TestNormalizeDesiredReplicas} (5-minute window; history as replicas@seconds-ago). The kept list differs
 * from the HPA's log on purpose: lower recommendations that a new one outlives are dropped.
 */
class StabilizationWindowTest {

  private static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                    | window s | history (replicas@age s)   | new | stabilized | kept afterwards
      empty log                                 | 300      | ''                         |  5  |  5         | 5@0
      stabilize                                 | 300      | 4@120;5@60                 |  3  |  5         | 4@120;5@60;3@0
      no stabilize                              | 300      | 1@120;2@60                 |  3  |  3         | 3@0
      no stabilize - old recommendations        | 300      | 10@600;9@540               |  3  |  3         | 3@0
      stabilize - old recommendations           | 300      | 10@600;4@60;5@120;9@540    |  3  |  5         | 4@60;5@120;3@0
      a recommendation exactly window-old counts| 300      | 7@300                      |  3  |  7         | 7@300;3@0
      one second older is dropped               | 300      | 7@301                      |  3  |  3         | 3@0
      scale up is never held back               | 300      | 2@10;4@5                   |  6  |  6         | 6@0
      zero window keeps only now                | 0        | 7@1                        |  3  |  3         | 3@0
      equal recommendation refreshes the entry  | 300      | 3@200                      |  3  |  3         | 3@0
      """)
  void stabilize(String name, long windowSeconds, String history, int recommendation, int expected, String kept) {
    var window = new StabilizationWindow(parse(history));

    int stabilized = window.stabilize(NOW, recommendation, Duration.ofSeconds(windowSeconds));

    assertEquals(expected, stabilized, name);
    assertEquals(kept, format(window.recommendations()), name + ": kept recommendations");
  }

  private static List<Recommendation> parse(String history) {
    List<Recommendation> list = new ArrayList<>();
    if (history == null || history.isBlank()) {
      return list;
    }
    for (String entry : history.split(";")) {
      String[] parts = entry.split("@");
      list.add(new Recommendation(NOW.minusSeconds(Long.parseLong(parts[1])), Integer.parseInt(parts[0])));
    }
    return list;
  }

  private static String format(List<Recommendation> list) {
    return list.stream()
        .map(r -> r.replicas() + "@" + Duration.between(r.at(), NOW).toSeconds())
        .collect(Collectors.joining(";"));
  }
}
