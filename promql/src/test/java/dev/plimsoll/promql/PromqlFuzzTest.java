package dev.plimsoll.promql;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.eval.Engine;
import dev.plimsoll.promql.eval.EngineOptions;
import dev.plimsoll.promql.storage.SeriesStore;

/**
 * Jazzer feeds arbitrary query strings to the parser and evaluator (instant and range queries over a
 * small store of counters, gauges and a histogram): nothing but {@link PromqlException} may escape.
 * The build fuzzes for 30 s (a surefire run of its own with JAZZER_FUZZ=1, see the pom).
 */
class PromqlFuzzTest {
  private static final Engine ENGINE = new Engine(store(), new EngineOptions(300_000, 100_000));

  @FuzzTest(maxDuration = "30s")
  void evaluatesOrFailsWithItsOwnError(FuzzedDataProvider data) {
    boolean range = data.consumeBoolean();
    long t = data.consumeLong(0, 600_000);
    long step = data.consumeLong(1, 120_000);
    String query = data.consumeRemainingAsString();
    try {
      if (range) {
        ENGINE.range(query, t, t + 10 * step, step);
      } else {
        ENGINE.instant(query, t);
      }
    } catch (PromqlException expected) {
      // invalid, unsupported or over a limit: reported as such
    }
  }

  private static SeriesStore store() {
    SeriesStore store = new SeriesStore(3_600_000, 15_000, 1_000);
    for (long t = 0; t <= 600_000; t += 15_000) {
      for (String pod : new String[] {"a", "b"}) {
        store.append(Labels.of("__name__", "requests_total", "pod", pod, "job", "vllm"), t, t / 1000.0 * (pod.equals("a") ? 2 : 3));
        store.append(Labels.of("__name__", "queue", "pod", pod), t, (t / 15_000) % 7);
        double count = t / 1000.0;
        String[] les = {"0.1", "0.5", "1", "+Inf"};
        for (int i = 0; i < les.length; i++) {
          store.append(Labels.of("__name__", "ttft_seconds_bucket", "pod", pod, "le", les[i]), t, count * (i + 1) / les.length);
        }
      }
    }
    return store;
  }
}
