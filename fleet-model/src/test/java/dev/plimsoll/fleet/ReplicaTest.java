package dev.plimsoll.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: the replica is a deterministic function of its inputs and the times it is advanced to. */
class ReplicaTest {

  /** 1000 prompt tokens/s, 10 tokens/s per sequence, no batching slowdown unless asked. */
  private static ModelProfile profile(double slowdown, int maxNumSeqs, long kvTokens) {
    return new ModelProfile("test", "test/model", 1, 1000, 10, slowdown, maxNumSeqs, kvTokens, 30);
  }

  private static InferenceRequest request(long id, double arrival, int prompt, int output) {
    return new InferenceRequest(id, arrival, prompt, output);
  }

  /** Advances exactly to each arrival, enqueues it, then runs until {@code end}; {@code step > 0} adds extra stops. */
  private static Replica run(ModelProfile profile, List<InferenceRequest> requests, double end, double step) {
    Replica replica = new Replica("r-0", profile, 0);
    for (InferenceRequest r : requests) {
      advanceInSteps(replica, r.arrival(), step);
      replica.enqueue(r);
    }
    advanceInSteps(replica, end, step);
    return replica;
  }

  private static void advanceInSteps(Replica replica, double to, double step) {
    if (step > 0) {
      for (double t = replica.now() + step; t < to; t += step) {
        replica.advanceTo(t);
      }
    }
    replica.advanceTo(to);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                    | prompt | output | ttft | e2e
      prefill then decode: 0.5 s + 10 tokens    |    500 |     11 |  0.5 | 1.5
      one output token comes out of the prefill |   2000 |      1 |  2.0 | 2.0
      empty prompt starts decoding at once      |      0 |      5 |  0.0 | 0.4
      no output: done when the prefill is       |    100 |      0 |  0.1 | 0.1
      long answer                               |   1000 |    201 |  1.0 | 21.0
      """)
  void loneRequestLatency(String name, int prompt, int output, double ttft, double e2e) {
    // TTFT = prompt / prefill rate; e2e = TTFT + (output - 1) / decode rate (the first token comes with the prefill)
    Replica replica = run(profile(0, 8, 100_000), List.of(request(1, 0, prompt, output)), 100, 0);
    ReplicaMetrics m = replica.metrics();
    assertEquals(1, m.timeToFirstToken().count());
    assertEquals(ttft, m.timeToFirstToken().sum(), 1e-9);
    assertEquals(e2e, m.e2eLatency().sum(), 1e-9);
    assertEquals(prompt, m.promptTokens());
    assertEquals(output, m.generationTokens());
    assertEquals(1L, m.requestSuccess().get(FinishReason.STOP));
    assertEquals(0, replica.running() + replica.waiting());
    assertEquals(1, m.requestPromptTokens().count(), "the completed request's prompt, once");
    assertEquals(prompt, m.requestPromptTokens().sum(), 1e-9);
    assertEquals(1, m.requestGenerationTokens().count());
    assertEquals(output, m.requestGenerationTokens().sum(), 1e-9);
  }

  @Test
  void loneRequestInterTokenLatencyIsOneOverTheDecodeRate() {
    ReplicaMetrics m = run(profile(0, 8, 100_000), List.of(request(1, 0, 500, 11)), 100, 0).metrics();
    assertEquals(10, m.interTokenLatency().count());
    assertEquals(1.0, m.interTokenLatency().sum(), 1e-9);
    long[] itl = m.interTokenLatency().cumulativeCounts();
    assertEquals(0, itl[Histogram.INTER_TOKEN_LATENCY_BUCKETS.indexOf(0.075)], "0.1 s gaps are above 0.075");
    assertEquals(10, itl[Histogram.INTER_TOKEN_LATENCY_BUCKETS.indexOf(0.1)], "and at most 0.1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | slowdown | batch | e2e of each
      two sequences at half speed each        |      1.0 |     2 | 2.0
      four sequences at a quarter speed       |      1.0 |     4 | 4.0
      perfect batching keeps the lone latency |      0.0 |     4 | 1.0
      """)
  void batchingSlowsEachSequence(String name, double slowdown, int batch, double e2eEach) {
    List<InferenceRequest> requests = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      requests.add(request(i, 0, 0, 11)); // no prompt: 10 decode tokens at 10/(1 + slowdown*(batch-1)) tokens/s
    }
    ReplicaMetrics m = run(profile(slowdown, 8, 100_000), requests, 100, 0).metrics();
    assertEquals(batch, m.e2eLatency().count());
    assertEquals(e2eEach * batch, m.e2eLatency().sum(), 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | max seqs | kv tokens | requests | running | waiting
      batch capped by max-num-seqs            |        2 |   100_000 |        5 |       2 |       3
      all fit                                 |        8 |   100_000 |        5 |       5 |       0
      KV cache fits one 600-token footprint   |        8 |     1_000 |        3 |       1 |       2
      KV cache fits three                     |        8 |     1_800 |        5 |       3 |       2
      both limits: the tighter one wins       |        2 |     1_800 |        5 |       2 |       3
      """)
  void admissionLimits(String name, int maxSeqs, String kvTokens, int requests, int running, int waiting) {
    Replica replica = new Replica("r-0", profile(0, maxSeqs, Long.parseLong(kvTokens.replace("_", ""))), 0);
    for (int i = 0; i < requests; i++) {
      replica.enqueue(request(i, 0, 500, 100)); // footprint 600 tokens
    }
    assertEquals(running, replica.running());
    assertEquals(waiting, replica.waiting());
    replica.advanceTo(0.1);
    assertEquals(running, replica.running(), "nothing finished yet, so nothing else admitted");
    assertEquals(waiting, replica.waiting());
  }

  @Test
  void waitingRequestIsAdmittedWhenKvCacheFreesUp() {
    Replica replica = new Replica("r-0", profile(0, 8, 1_000), 0);
    replica.enqueue(request(1, 0, 500, 11)); // done at 0.5 + 1.0
    replica.enqueue(request(2, 0, 500, 11));
    assertEquals(0.5, replica.kvCacheUsage(), 1e-9, "the first prompt is held");
    replica.advanceTo(1.0);
    assertEquals((500 + 1 + 5) / 1000.0, replica.kvCacheUsage(), 1e-9, "prompt + first token + 5 decoded");
    assertEquals(1, replica.waiting());
    replica.advanceTo(1.5);
    assertEquals(0, replica.waiting());
    assertEquals(1, replica.running());
    replica.advanceTo(10);
    ReplicaMetrics m = replica.metrics();
    assertEquals(1.5 + 3.0, m.e2eLatency().sum(), 1e-9, "second waits 1.5 s, then 0.5 s prefill + 1.0 s decode");
    assertEquals(1.5, m.queueTime().sum(), 1e-9);
    assertEquals(0, replica.kvCacheUsage());
  }

  @Test
  void requestThatCanNeverFitIsRejectedNotCounted() {
    Replica replica = new Replica("r-0", profile(0, 8, 1_000), 0);
    replica.enqueue(request(1, 0, 990, 11)); // 1001 tokens
    replica.enqueue(request(2, 0, 100, 1));
    replica.advanceTo(5);
    assertEquals(1, replica.rejectedRequests());
    assertEquals(1L, replica.metrics().requestSuccess().get(FinishReason.STOP));
    assertEquals(1, replica.metrics().timeToFirstToken().count());
  }

  @Test
  void prefillPausesDecodingAndShowsInTheInterTokenLatency() {
    // A decodes from 0 at 10 tokens/s; B arrives at 0.25 with a 0.5 s prefill, so A's third token comes at 0.8
    Replica replica = run(profile(0, 8, 100_000),
        List.of(request(1, 0, 0, 11), request(2, 0.25, 500, 2)), 100, 0);
    ReplicaMetrics m = replica.metrics();
    assertEquals(0.0 + 0.5, m.timeToFirstToken().sum(), 1e-9);
    assertEquals(1.5 + (0.75 + 0.1 - 0.25), m.e2eLatency().sum(), 1e-9, "A ends at 1.5; B's 2nd token at 0.85");
    long[] itl = m.interTokenLatency().cumulativeCounts();
    int le05 = Histogram.INTER_TOKEN_LATENCY_BUCKETS.indexOf(0.5);
    int le075 = Histogram.INTER_TOKEN_LATENCY_BUCKETS.indexOf(0.75);
    assertEquals(itl[le05] + 1, itl[le075], "exactly one gap (0.6 s) spans the prefill");
  }

  @Test
  void countersAndHistogramsAreConsistent() {
    Random random = new Random(42);
    List<InferenceRequest> requests = new ArrayList<>();
    long prompt = 0;
    long output = 0;
    double t = 0;
    for (int i = 0; i < 300; i++) {
      t += random.nextDouble() * 0.2;
      int p = random.nextInt(2000);
      int o = random.nextInt(60);
      prompt += p;
      output += o;
      requests.add(request(i, t, p, o));
    }
    ModelProfile profile = profile(0.05, 16, 20_000);
    Replica replica = run(profile, requests, 10_000, 0);
    ReplicaMetrics m = replica.metrics();
    assertEquals(300L, m.requestSuccess().get(FinishReason.STOP));
    assertEquals(0L, m.requestSuccess().get(FinishReason.ABORT));
    assertEquals(prompt, m.promptTokens());
    assertEquals(output, m.generationTokens());
    for (Histogram h : List.of(m.timeToFirstToken(), m.e2eLatency(), m.queueTime())) {
      assertEquals(300, h.count());
      assertCumulative(h);
    }
    long gaps = requests.stream().mapToLong(r -> Math.max(0, r.outputTokens() - 1)).sum();
    assertEquals(gaps, m.interTokenLatency().count(), "one gap between consecutive tokens");
    assertCumulative(m.interTokenLatency());
    assertEquals(m.e2eLatency().sum() - m.timeToFirstToken().sum(), m.interTokenLatency().sum(), 1e-6,
        "a request's gaps add up to its time from first to last token");
    assertTrue(m.e2eLatency().sum() >= m.timeToFirstToken().sum());
  }

  @Test
  void resultsDoNotDependOnHowOftenTheReplicaIsAdvanced() {
    Random random = new Random(7);
    List<InferenceRequest> requests = new ArrayList<>();
    double t = 0;
    for (int i = 0; i < 100; i++) {
      t += random.nextDouble() * 0.3;
      requests.add(request(i, t, 100 + random.nextInt(1500), 1 + random.nextInt(40)));
    }
    ModelProfile profile = profile(0.1, 8, 10_000);
    ReplicaMetrics once = run(profile, requests, 500, 0).metrics();
    ReplicaMetrics stepped = run(profile, requests, 500, 0.0137).metrics();
    assertEquals(once.e2eLatency().sum(), stepped.e2eLatency().sum(), 1e-6);
    assertEquals(once.timeToFirstToken().sum(), stepped.timeToFirstToken().sum(), 1e-6);
    assertEquals(once.generationTokens(), stepped.generationTokens());
    assertEquals(once.interTokenLatency().count(), stepped.interTokenLatency().count());
  }

  @Test
  void abortAndDrainEmptyTheReplica() {
    Replica replica = new Replica("r-0", profile(0, 2, 100_000), 0);
    for (int i = 0; i < 3; i++) {
      replica.enqueue(request(i, 0, 100, 50));
    }
    replica.advanceTo(0.5);
    List<InferenceRequest> drained = replica.drainWaiting();
    assertEquals(List.of(2L), drained.stream().map(InferenceRequest::id).toList());
    assertEquals(2, replica.abortRunning());
    assertEquals(2L, replica.metrics().requestSuccess().get(FinishReason.ABORT));
    assertEquals(0, replica.running());
    assertEquals(0, replica.kvCacheUsage());
    replica.enqueue(request(9, 0.5, 100, 1));
    assertEquals(1, replica.running(), "the KV reservation was released");
  }

  @Test
  void timeOnlyMovesForward() {
    Replica replica = new Replica("r-0", profile(0, 2, 1000), 5);
    assertThrows(IllegalArgumentException.class, () -> replica.advanceTo(4.9));
  }

  @Test
  void requestEnqueuedBeforeItsArrivalWaitsForIt() {
    Replica replica = new Replica("r-0", profile(0, 2, 100_000), 0);
    replica.enqueue(request(1, 2.0, 100, 1));
    assertEquals(1, replica.waiting());
    replica.advanceTo(5);
    assertEquals(0.1, replica.metrics().timeToFirstToken().sum(), 1e-9, "TTFT counts from the arrival at 2.0");
  }

  static void assertCumulative(Histogram h) {
    long[] c = h.cumulativeCounts();
    for (int i = 1; i < c.length; i++) {
      assertTrue(c[i] >= c[i - 1], "cumulative counts never decrease");
    }
    assertEquals(h.count(), c[c.length - 1], "+Inf bucket equals the count");
  }
}
