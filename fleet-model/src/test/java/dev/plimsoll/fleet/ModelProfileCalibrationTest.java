package dev.plimsoll.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The H100 profiles, fitted to Lambda's 10- and 320-request runs, checked against a measurement they were not fitted
 * to: Lambda's sustained runs of 5,000 ShareGPT prompts sent at once with {@code --max-num-seqs 256}
 * (https://github.com/LambdaLabsML/vllm-benchmark/blob/main/benchmark_v0.md, vLLM v0.6.0: Llama 3.1 8B tp 1 8,088.35
 * output tokens/s, median TPOT 25.57 ms; Llama 3.1 70B tp 4 3,542.88 tokens/s, 61.10 ms). The prompts are played as
 * ShareGPT's mean lengths in Lambda's 320-prompt set (65,578 prompt and 65,331 output tokens: 205 and 204 each).
 */
class ModelProfileCalibrationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"llama-3.1-8b-h100, 8088.35", "llama-3.1-70b-h100x4, 3542.88"})
  void sustainedThroughputIsWithinAQuarterOfTheMeasuredOne(String name, double measured) {
    ModelProfile profile = ModelProfile.named(name).orElseThrow();
    Replica replica = new Replica("r", profile, 0, RequestObserver.NONE);
    int n = 5000;
    for (int i = 0; i < n; i++) {
      replica.enqueue(new InferenceRequest(i, 0, 205, 204));
    }
    double t = 0;
    while (replica.waiting() + replica.running() > 0) {
      t += 0.1;
      replica.advanceTo(t);
    }
    double throughput = n * 204.0 / t;
    assertTrue(throughput > 0.75 * measured && throughput < 1.25 * measured,
        name + ": " + Math.round(throughput) + " output tokens/s against " + measured + " measured");
  }
}
