package dev.plimsoll.scaler.decision;

import dev.plimsoll.scaling.Evaluation;
import dev.plimsoll.scaling.PolicyDecision;
import dev.plimsoll.scaling.Reason;
import java.util.OptionalInt;

/**
 * What the scaler does with one evaluation: the policy's decision, then the GPU cap (a scale-up cut to the
 * replicas that fit on free GPUs now, reason {@code GpuCapacityLimited}) and the mode (a dry run keeps the
 * count it would have asked for, marked in the message). Pure.
 *
 * @param decision the policy's decision (engine and layers)
 * @param desiredReplicas the count to ask for
 * @param reason the reason as published and stored: the engine's name, or {@code GpuCapacityLimited}
 * @param message the same in words
 */
public record Decided(PolicyDecision decision, int desiredReplicas, String reason, String message) {

  /** Reason of a scale-up cut to the GPU headroom. */
  public static final String GPU_CAPACITY_LIMITED = "GpuCapacityLimited";

  public static Decided of(PolicyDecision d) {
    return new Decided(d, d.desiredReplicas(), d.reason().hpaName(), d.message());
  }

  public int currentReplicas() {
    return decision.currentReplicas();
  }

  public boolean rescale() {
    return desiredReplicas != decision.currentReplicas();
  }

  /** Whether the fallback decided. */
  public boolean fallback() {
    return decision.reason() == Reason.FALLBACK;
  }

  /** Capped to {@code headroom} more replicas than now when it asks for more; unchanged when the headroom is unknown. */
  public Decided cappedTo(OptionalInt headroom) {
    int current = currentReplicas();
    if (headroom.isEmpty() || desiredReplicas - current <= headroom.getAsInt()) {
      return this;
    }
    int capped = current + Math.max(0, headroom.getAsInt());
    return new Decided(decision, capped, GPU_CAPACITY_LIMITED, message + "; only " + headroom.getAsInt()
        + " more replica(s) fit on free GPUs now: " + current + " -> " + capped);
  }

  /** Marked as not applied, for a dry run. */
  public Decided dryRun() {
    return rescale() ? new Decided(decision, desiredReplicas, reason, "dry-run, not applied: " + message) : this;
  }

  /**
   * The metric that decided: the one with the highest proposal (the HPA takes the largest), else the first with a
   * value, else the first; null when the evaluation looked at none.
   */
  public Evaluation.MetricProposal decidingMetric() {
    Evaluation.MetricProposal best = null;
    for (Evaluation.MetricProposal p : decision.engine().metrics()) {
      if (best == null || p.proposal() != null && (best.proposal() == null || p.proposal() > best.proposal())) {
        best = p;
      }
    }
    return best;
  }
}
