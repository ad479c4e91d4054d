package dev.plimsoll.scaler.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.support.FakeSimulator;
import dev.plimsoll.scaler.support.FakeSimulatorResource;
import dev.plimsoll.scaler.support.InjectFakeSimulator;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The gpu-service client over real HTTP: an answer caps, anything unknown does not. */
@QuarkusTest
@WithTestResource(value = FakeSimulatorResource.class, scope = TestResourceScope.GLOBAL)
class GpuServiceHeadroomTest {

  @InjectFakeSimulator
  FakeSimulator gpuService;

  @Inject
  GpuServiceHeadroom headroom;

  private OptionalInt ask(String workload) {
    return headroom.additionalReplicas(WorkloadId.parse(workload)).await().atMost(Duration.ofSeconds(10));
  }

  @Test
  void theGpuServicesAnswerIsTheHeadroomAndUnknownCapsNothing() {
    gpuService.headroom("simulated/demo/Fleet/gpu", 3L);
    gpuService.headroom("simulated/demo/Fleet/cpu-only", null);
    assertEquals(OptionalInt.of(3), ask("simulated/demo/Fleet/gpu"));
    assertEquals(OptionalInt.empty(), ask("simulated/demo/Fleet/cpu-only"));
    assertEquals(OptionalInt.empty(), ask("simulated/demo/Fleet/unknown")); // 404
  }
}
