package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.GpuPool;
import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.RequestObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signals computed from a fleet as the collector (and the gateway) would, on an exact small case. */
class ScrapesTest {

  @Test
  void ratesPercentilesAndLoadsOverTheWindow() {
    // TINY: prefill 1,000 tokens/s, decode 10 tokens/s per sequence without slowdown, 16 sequences: at most 160 tokens/s.
    Scrapes scrapes = new Scrapes(BacktestTest.TINY, 60);
    Fleet fleet = oneReplicaTelling(scrapes);
    Observation first = scrapes.observe(fleet, 0);
    assertNull(first.signal("ttft_p95_seconds"), "no first token yet: no data");
    // Two requests of 500 prompt and 11 output tokens at 0: first tokens at 0.5 s and 1 s, both done at 2 s.
    for (int i = 0; i < 2; i++) {
      InferenceRequest r = new InferenceRequest(i, 0, 500, 11);
      scrapes.arrived(0, r.promptTokens());
      fleet.submit(r);
    }
    Observation o = null;
    for (int t = 1; t <= 10; t++) {
      fleet.advanceTo(t);
      o = scrapes.observe(fleet, t);
    }
    assertEquals(100, o.promptTokensPerSecond(), 1e-9); // 1,000 tokens over the 10 s seen so far
    assertEquals(2.2, o.generationTokensPerSecond(), 1e-9); // 22 tokens
    assertEquals(1.0, o.ttftP95Seconds(), 1e-9); // of 0.5 and 1.0, nearest rank
    assertEquals(100 / 1000.0 + 2.2 / 160, o.tokenLoad(), 1e-9);
    // Arrivals: 1,000 prompt tokens and 2 requests of 11 output tokens (the completed ones' mean) over 10 s; none held.
    assertEquals(100 / 1000.0 + 0.2 * 11 / 160, o.demandLoad(), 1e-9);
    assertEquals(0, o.queueDepth());
    assertEquals(o.tokenLoad(), o.workLoad(), 1e-12, "nothing queued: the work done");
    // e2e_load: the 95th-percentile output, read from vLLM's buckets as histogram_quantile does (both 11-token outputs
    // in (10, 20]: 10 + 10 × 1.9 / 2 = 19.5 tokens), decodes in 1.95 s alone (10 tokens/s, TINY has no slowdown), so
    // each replica-second of prefill (0.1 of them per second here) costs 1 / (1 − 1.95 / 60).
    double share = 1.95 / 60;
    assertEquals(o.workLoad() + 0.1 * share / (1 - share), o.signal("e2e_load"), 1e-12);
    // A window without completions keeps the last mean output (11): at 40 s the only arrival of the window (39 s) is
    // still decoding, and its decode work counts.
    fleet.advanceTo(39);
    scrapes.observe(fleet, 39);
    InferenceRequest late = new InferenceRequest(2, 39, 500, 11);
    scrapes.arrived(39, late.promptTokens());
    fleet.submit(late);
    fleet.advanceTo(40);
    Observation later = scrapes.observe(fleet, 40);
    assertEquals(500 / 30.0 / 1000 + (1 / 30.0) * 11 / 160, later.demandLoad(), 1e-9);
  }

  @Test
  void theGatewaysBacklogCountsAsWorkToDrainWithinItsHorizon() {
    Scrapes scrapes = new Scrapes(BacktestTest.TINY, 60);
    Fleet fleet = new Fleet("f", BacktestTest.TINY, GpuPool.uniform(1, 8, "gpu", 1), 0).dispatchLimit(Backtest.DISPATCH_LIMIT);
    fleet.addReadyReplicas(1);
    for (int i = 0; i < 5; i++) { // at 0: 2 go to the replica (the dispatch limit), 3 are held
      InferenceRequest r = new InferenceRequest(i, 0, 1000, 1);
      scrapes.arrived(0, r.promptTokens());
      fleet.submit(r);
    }
    Observation o = scrapes.observe(fleet, 0);
    assertEquals(3, o.queueDepth());
    // Arrivals over 1 s (the least span): 5,000 prompt tokens → 5 replica-seconds per second; held: 3 s of prefill to
    // drain within 30 s → 0.1. No request completed yet: no output counted.
    assertEquals(5 + 3.0 / Scrapes.BACKLOG_DRAIN_SECONDS, o.demandLoad(), 1e-9);
    assertNull(o.signal("work_load"), "a queue and no request completed: the queue has no price yet, so no value");
  }

  @Test
  void theQueueIsPricedAtTheMeanRequestOfTheLastFiveMinutes() {
    // TINY: prefill 1,000 tokens/s; decode at most 160 tokens/s. One replica, dispatch limit 2.
    Scrapes scrapes = new Scrapes(BacktestTest.TINY, 60);
    Fleet fleet = oneReplicaTelling(scrapes);
    // Two requests of 1,000 prompt and 17 output tokens complete early (prefill 1 s each, then 16 tokens at 10/s).
    fleet.submit(new InferenceRequest(0, 0, 1000, 17));
    fleet.submit(new InferenceRequest(1, 0, 1000, 17));
    fleet.advanceTo(100);
    scrapes.observe(fleet, 100);
    // At 200 s, 5 requests of 2,000 prompt and 33 output tokens arrive at once: 2 go to the replica, 3 wait at the gateway.
    // Seen at 199 s with an empty queue, then 3 queued at 200 s: the queue grew by 3 requests a second, arrivals the
    // replica has not served.
    fleet.advanceTo(199);
    scrapes.observe(fleet, 199);
    Observation o = fiveArrive(fleet, scrapes, 2, 200);
    double early = 1000 / 1000.0 + 17 / 160.0; // the mean completed request, in replica-seconds
    assertEquals(o.tokenLoad() + (3 + 3 / Scrapes.BACKLOG_DRAIN_SECONDS) * early, o.workLoad(), 1e-9);
    // By 400 s the five have completed (within the last five minutes): they set the price, and with nothing queued the
    // load is the work done. At 950 s none has completed for more than five minutes and 3 of 5 new arrivals wait: no
    // price, no value (the scaler holds rather than guess).
    fleet.advanceTo(400);
    Observation idle = scrapes.observe(fleet, 400);
    assertEquals(idle.tokenLoad(), idle.workLoad(), 1e-12);
    Observation later = fiveArrive(fleet, scrapes, 7, 950);
    assertNull(later.signal("work_load"));
    // At 1,000 s the five have completed (2 s of prefill each): they price the queue again, and the queue is empty.
    fleet.advanceTo(1000);
    Observation after = scrapes.observe(fleet, 1000);
    assertEquals(0, after.queueDepth());
    assertEquals(after.tokenLoad(), after.workLoad(), 1e-12);
  }

  /** Five requests of 2,000 prompt and 33 output tokens at {@code at}: two go to the idle replica, three wait. */
  private static Observation fiveArrive(Fleet fleet, Scrapes scrapes, int firstId, double at) {
    fleet.advanceTo(at);
    for (int i = firstId; i < firstId + 5; i++) {
      fleet.submit(new InferenceRequest(i, at, 2000, 33));
    }
    Observation o = scrapes.observe(fleet, at);
    assertEquals(3, o.queueDepth());
    return o;
  }

  /** A fleet of one ready TINY replica behind the backtest's gateway, telling {@code scrapes} of first tokens and completions. */
  private static Fleet oneReplicaTelling(Scrapes scrapes) {
    Fleet fleet = new Fleet("f", BacktestTest.TINY, GpuPool.uniform(1, 8, "gpu", 1), 0).dispatchLimit(Backtest.DISPATCH_LIMIT);
    fleet.observe(new RequestObserver() {
      @Override
      public void firstToken(InferenceRequest r, double at) {
        scrapes.firstToken(at, at - r.arrival());
      }

      @Override
      public void completed(InferenceRequest r, double at) {
        scrapes.completed(at, r.promptTokens(), r.outputTokens());
      }
    });
    fleet.addReadyReplicas(1);
    return fleet;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | token load | queued/s | price | work_load
      work done, nothing queued               | 0.5        | 0        | 2     | 0.5
      idle, nothing completed lately          | 0          | 0        | NaN   | 0
      a queue growing, priced                 | 0.5        | 0.25     | 2     | 1.0
      a drain outrunning the work shown       | 0.1        | -0.5     | 2     | 0
      a queue, nothing completed: no value    | 0.5        | 0.25     | NaN   | NaN
      """)
  void workLoadAsTheLiveQueryComputesIt(String name, double tokenLoad, double queued, double price, double expected) {
    assertEquals(expected, Scrapes.workLoad(tokenLoad, queued, price), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                         | work_load | prefill | decode95 s | e2e s | e2e_load
      no decode waiting on the target: work_load     | 0.8       | 0.6     | 0          | 60    | 0.8
      decode needs a third: prefill costs 1.5 times  | 0.8       | 0.6     | 20         | 60    | 1.1
      decode needs half: prefill costs twice         | 1.0       | 0.5     | 30         | 60    | 1.5
      no prefill: nothing to reprice                 | 0.2       | 0       | 30         | 60    | 0.2
      decode alone past the target: capped at 0.9    | 0.5       | 0.1     | 120        | 60    | 1.4
      no work_load value: none                       | NaN       | 0.5     | 30         | 60    | NaN
      """)
  void e2eLoadRepricesPrefillForTheEndToEndTarget(String name, double workLoad, double prefill, double decode95, double e2e,
      double expected) {
    assertEquals(expected, Scrapes.e2eLoad(workLoad, prefill, decode95, e2e), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                    | q    | counts per bucket (1, 2, 5, +Inf) | quantile
      empty: no value                           | 0.95 | 0 0 0 0                           | NaN
      all in the first bucket: from 0           | 0.5  | 4 0 0 0                           | 0.5
      interpolated inside (2, 5]                | 0.95 | 0 5 5 0                           | 4.7
      rank on a bucket's edge: its upper bound  | 0.5  | 0 5 5 0                           | 2
      empty buckets between are skipped         | 0.75 | 10 0 10 0                         | 3.5
      in +Inf: the largest finite bound         | 0.95 | 1 0 0 9                           | 5
      """)
  void histogramQuantileAsPromQlReadsIt(String name, double q, String counts, double expected) {
    long[] c = java.util.Arrays.stream(counts.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    assertEquals(expected, Scrapes.histogramQuantile(q, new double[] {1, 2, 5}, c), 1e-12);
  }
}
