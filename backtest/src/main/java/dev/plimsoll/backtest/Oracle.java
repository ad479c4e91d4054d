package dev.plimsoll.backtest;

import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.trace.Trace;

/**
 * A lower bound of the GPU-hours any autoscaler needs to serve a whole trace: a relaxation, not a search.
 *
 * <p>In the fleet model a replica either prefills one prompt at {@code prefillTokensPerSecond} or decodes its batch,
 * never both, and its batch decodes at most {@code maxNumSeqs × perSequenceDecodeRate(maxNumSeqs)} tokens per second in
 * total (the aggregate rate rises with the batch and is highest at the largest batch). Every request needs its prompt
 * prefilled and its {@code outputTokens − 1} further tokens decoded, so serving the trace keeps replicas busy for at
 * least {@code Σ prompt / prefillRate + Σ (output − 1) / maxDecodeRate} seconds in total; a replica is busy at most one
 * second per second and holds {@code gpusPerReplica} GPUs while it exists. That work is a lower bound of the
 * replica-seconds of any schedule that serves every request, whatever its SLO, cold starts (which only add) or
 * routing. It ignores that a replica idles while it waits for work, so it is loose where load is light; the
 * brute-force test on small traces checks that it is never above the best schedule there.
 */
public final class Oracle {
  private Oracle() {}

  /** The lower bound in GPU-hours. */
  public static double lowerBoundGpuHours(Trace trace, ModelProfile profile) {
    double maxDecode = profile.aggregateDecodeRate(profile.maxNumSeqs());
    double seconds = 0;
    for (InferenceRequest r : trace.requests()) {
      seconds += r.promptTokens() / profile.prefillTokensPerSecond() + Math.max(0, r.outputTokens() - 1) / maxDecode;
    }
    return seconds * profile.gpusPerReplica() / 3600.0;
  }
}
