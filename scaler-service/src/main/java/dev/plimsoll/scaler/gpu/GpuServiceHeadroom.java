package dev.plimsoll.scaler.gpu;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.scaler.config.ScalerConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.OptionalInt;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks the gpu-service how many more replicas of a workload fit on free GPUs now. Unknown — the service is off
 * ({@code scaler.gpu.enabled=false}), unreachable, slow, does not know the workload, or the workload needs no GPU — is
 * empty: the scale-up is not capped (a GPU-less or unknown answer must not block scaling).
 */
@ApplicationScoped
@Typed(GpuServiceHeadroom.class)
public class GpuServiceHeadroom implements GpuHeadroom {
  private static final Logger LOG = Logger.getLogger(GpuServiceHeadroom.class);

  private final GpuServiceClient client;
  private final ScalerConfig config;

  public GpuServiceHeadroom(@RestClient GpuServiceClient client, ScalerConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public Uni<OptionalInt> additionalReplicas(WorkloadId workload) {
    if (!config.gpu().enabled()) {
      return Uni.createFrom().item(OptionalInt.empty());
    }
    return client.headroom(workload.toString())
        .map(h -> h == null || h.replicasThatFit() == null ? OptionalInt.empty()
            : OptionalInt.of((int) Math.min(Integer.MAX_VALUE, Math.max(0, h.replicasThatFit()))))
        .onFailure().recoverWithItem(e -> {
          LOG.debugf("%s: no GPU headroom from the gpu-service (%s); the scale-up is not capped", workload, e.getMessage());
          return OptionalInt.empty();
        });
  }
}
