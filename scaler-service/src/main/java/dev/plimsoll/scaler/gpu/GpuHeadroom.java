package dev.plimsoll.scaler.gpu;

import dev.plimsoll.events.WorkloadId;
import io.smallrye.mutiny.Uni;
import java.util.OptionalInt;

/**
 * How many more replicas of a GPU workload can be placed now (free GPUs that fit it). The scaler asks
 * before scaling a workload up and caps the increase to it, recording {@code GpuCapacityLimited}. The
 * gpu-service answers it ({@link GpuServiceHeadroom}: {@code GET /api/v1/headroom}); unknown caps nothing.
 */
public interface GpuHeadroom {
  /** More replicas that fit now; empty when unknown (no cap). */
  Uni<OptionalInt> additionalReplicas(WorkloadId workload);
}
