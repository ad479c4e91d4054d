package dev.plimsoll.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelProfileTest {

  private static ModelProfile profile(double decode, double slowdown) {
    return new ModelProfile("p", "m", 1, 1000, decode, slowdown, 8, 1000, 10);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                             | decode | slowdown | batch | per sequence | aggregate
      batch of one decodes at full rate  |    100 |     0.1  |     1 |        100.0 |     100.0
      two sequences share a slowdown     |    100 |     0.1  |     2 |  90.90909091 | 181.8181818
      eleven sequences: half speed each  |    100 |     0.1  |    11 |         50.0 |     550.0
      no slowdown: perfect batching      |    100 |     0.0  |    50 |        100.0 |    5000.0
      """)
  void decodeRates(String name, double decode, double slowdown, int batch, double perSequence, double aggregate) {
    ModelProfile p = profile(decode, slowdown);
    assertEquals(perSequence, p.perSequenceDecodeRate(batch), 1e-6);
    assertEquals(aggregate, p.aggregateDecodeRate(batch), 1e-5);
  }

  @Test
  void aggregateThroughputRisesAndSaturates() {
    ModelProfile p = ModelProfile.LLAMA_3_1_8B_H100;
    double previous = 0;
    for (int b = 1; b <= p.maxNumSeqs(); b++) {
      double aggregate = p.aggregateDecodeRate(b);
      assertTrue(aggregate > previous, "aggregate rises at batch " + b);
      assertTrue(aggregate < p.decodeTokensPerSecond() / p.batchSlowdown(), "stays under the saturation level");
      previous = aggregate;
    }
  }

  @Test
  void knownProfilesByName() {
    assertEquals(ModelProfile.LLAMA_3_1_8B_H100, ModelProfile.named("llama-3.1-8b-h100").orElseThrow());
    assertEquals(4, ModelProfile.named("llama-3.1-70b-h100x4").orElseThrow().gpusPerReplica());
    assertEquals(4, ModelProfile.named("llama-3.1-70b-a100x4").orElseThrow().gpusPerReplica());
    assertEquals(1, ModelProfile.named("llama-3.1-8b-a100").orElseThrow().gpusPerReplica());
    assertTrue(ModelProfile.named("gpt-5").isEmpty());
  }

  @Test
  void modelLoadOverride() {
    ModelProfile fast = ModelProfile.LLAMA_3_1_8B_H100.withModelLoadSeconds(5);
    assertEquals(5, fast.modelLoadSeconds());
    assertEquals(ModelProfile.LLAMA_3_1_8B_H100.modelName(), fast.modelName());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                | gpus | prefill | decode | slowdown | seqs | kv | load
      no GPUs               |    0 |    1000 |     10 |      0.1 |    8 | 10 |    1
      zero prefill rate     |    1 |       0 |     10 |      0.1 |    8 | 10 |    1
      zero decode rate      |    1 |    1000 |      0 |      0.1 |    8 | 10 |    1
      negative slowdown     |    1 |    1000 |     10 |     -0.1 |    8 | 10 |    1
      no sequences          |    1 |    1000 |     10 |      0.1 |    0 | 10 |    1
      no KV cache           |    1 |    1000 |     10 |      0.1 |    8 |  0 |    1
      negative load time    |    1 |    1000 |     10 |      0.1 |    8 | 10 |   -1
      """)
  void rejectsNonsense(String name, int gpus, double prefill, double decode, double slowdown, int seqs, long kv, double load) {
    assertThrows(IllegalArgumentException.class, () -> new ModelProfile("p", "m", gpus, prefill, decode, slowdown, seqs, kv, load));
  }
}
