package dev.plimsoll.cost;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the tests a workload with {@code gpus-per-replica=2} whose id is new on every run
 * ({@code cost.workloads."<id>".gpus-per-replica}), so no earlier run's ledger row can disturb its sums.
 */
public class BigWorkloadResource implements QuarkusTestResourceLifecycleManager {

  /** {@code simulated/cost-test-<random>/Fleet/big}, fixed for one JVM. */
  public static final String BIG = "simulated/cost-test-" + UUID.randomUUID().toString().substring(0, 8) + "/Fleet/big";

  @Override
  public Map<String, String> start() {
    return Map.of("cost.workloads.\"" + BIG + "\".gpus-per-replica", "2");
  }

  @Override
  public void stop() {}
}
