package dev.plimsoll.scaler.support;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.gpu.GpuHeadroom;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** Tests say how many more replicas fit for a workload; unknown (no cap) otherwise. Replaces the default bean in tests. */
@ApplicationScoped
public class TestGpuHeadroom implements GpuHeadroom {
  public static final Map<String, Integer> HEADROOM = new ConcurrentHashMap<>();

  @Override
  public Uni<OptionalInt> additionalReplicas(WorkloadId workload) {
    Integer n = HEADROOM.get(workload.toString());
    return Uni.createFrom().item(n == null ? OptionalInt.empty() : OptionalInt.of(n));
  }
}
