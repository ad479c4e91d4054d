package dev.plimsoll.scaler.audit;

import dev.plimsoll.events.ScalingDecision;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every evaluation's decision as it happens, for the server-sent-events stream: a hot stream (a
 * subscriber sees what is decided after it subscribed; stored history is {@code GET /api/v1/decisions}).
 */
@ApplicationScoped
public class DecisionStream {
  private final BroadcastProcessor<ScalingDecision> processor = BroadcastProcessor.create();

  public void offer(ScalingDecision decision) {
    processor.onNext(decision);
  }

  /** Decisions from now on, of one workload when {@code workload} is not null. */
  public Multi<ScalingDecision> decisions(String workload) {
    Multi<ScalingDecision> all = processor.onOverflow().drop();
    return workload == null ? all : all.filter(d -> workload.equals(d.workload()));
  }
}
