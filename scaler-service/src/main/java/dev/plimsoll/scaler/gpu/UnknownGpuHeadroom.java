package dev.plimsoll.scaler.gpu;

import dev.plimsoll.events.WorkloadId;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalInt;

/** No GPU information yet: nothing is capped. Replaced by the gpu-service client with issue 6. */
@DefaultBean
@ApplicationScoped
public class UnknownGpuHeadroom implements GpuHeadroom {
  @Override
  public Uni<OptionalInt> additionalReplicas(WorkloadId workload) {
    return Uni.createFrom().item(OptionalInt.empty());
  }
}
