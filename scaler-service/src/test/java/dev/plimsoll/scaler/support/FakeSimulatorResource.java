package dev.plimsoll.scaler.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link FakeSimulator} before the application and points the scaler's simulator, collector and gpu-service clients at it. */
public class FakeSimulatorResource implements QuarkusTestResourceLifecycleManager {

  private FakeSimulator simulator;

  @Override
  public Map<String, String> start() {
    simulator = new FakeSimulator();
    try {
      String url = simulator.start();
      // It also plays the collector's query API.
      return Map.of("quarkus.rest-client.simulator.url", url, "quarkus.rest-client.collector.url", url, "quarkus.rest-client.gpu.url", url);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the fake simulator", e);
    }
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(simulator, new TestInjector.AnnotatedAndMatchesType(InjectFakeSimulator.class, FakeSimulator.class));
  }

  @Override
  public void stop() {
    try {
      if (simulator != null) {
        simulator.stop();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the fake simulator", e);
    }
  }
}
