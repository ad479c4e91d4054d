package dev.plimsoll.backtest;

import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.Panic;
import dev.plimsoll.scaling.Pause;
import dev.plimsoll.scaling.Predictive;
import dev.plimsoll.scaling.ScalingRules;
import dev.plimsoll.scaling.ScalingSpec;
import dev.plimsoll.scaling.TargetType;
import java.util.List;

/**
 * The autoscalers compared, each configured as its anchor configures it (reference/ANCHORS.md), all driven by the
 * scaler's own engine so that only their configuration differs:
 * <ul>
 *   <li>{@code hpa-utilization}: the HPA with its default behavior on a utilisation signal (the replicas' mean KV-cache
 *       use, vLLM's {@code kv_cache_usage_perc}, target 80 %), every 15 s (its sync period);
 *   <li>{@code keda-queue}: vLLM production-stack's ScaledObject — {@code vllm:num_requests_waiting}, threshold 5 per
 *       replica (AverageValue), polling every 15 s, the HPA's default behavior behind it;
 *   <li>{@code knative-kpa}: Knative's KPA on concurrency (in-flight requests, target 70 % of the batch size), stable
 *       60 s and panic 6 s windows, every 2 s;
 *   <li>{@code plimsoll}: Plimsoll's default LLM policy (below).
 * </ul>
 */
public final class Baselines {
  private Baselines() {}

  public static List<Autoscaler> all(ModelProfile profile, int maxReplicas) {
    return all(profile, maxReplicas, Targets.DEFAULT);
  }

  /** The baselines and Plimsoll's policy with {@code targets} in place of its default ones. */
  public static List<Autoscaler> all(ModelProfile profile, int maxReplicas, Targets targets) {
    return List.of(hpa(maxReplicas), keda(maxReplicas), knative(profile, maxReplicas), plimsoll(profile, maxReplicas, targets));
  }

  /**
   * The load targets of Plimsoll's policy, per replica: {@code work_load} at {@code workLoad} and, where
   * {@code e2eLoad} is above 0, {@code e2e_load} at it too (0 leaves it out).
   */
  public record Targets(double workLoad, double e2eLoad) {
    public static final Targets DEFAULT = new Targets(LOAD_TARGET, E2E_LOAD_TARGET);

    public Targets {
      if (!(workLoad > 0 && workLoad <= 1) || !(e2eLoad >= 0 && e2eLoad <= 1)) {
        throw new IllegalArgumentException("load targets must be within (0, 1] (e2e_load 0: not used), got work_load " + workLoad
            + " and e2e_load " + e2eLoad);
      }
    }

    /** How the policy's load metrics read, e.g. {@code work_load 0.7} or {@code work_load 0.8, e2e_load 0.8}. */
    public String describe() {
      return "work_load " + workLoad + (e2eLoad > 0 ? ", e2e_load " + e2eLoad : "");
    }
  }

  public static Autoscaler hpa(int max) {
    ScalingSpec spec = new ScalingSpec(1, max, List.of(new MetricSpec("kv_cache_usage", TargetType.VALUE, 0.8)), null, null);
    return new PolicyAutoscaler("hpa-utilization", AutoscalingPolicy.of(spec), 15);
  }

  public static Autoscaler keda(int max) {
    ScalingSpec spec = new ScalingSpec(1, max, List.of(new MetricSpec("queue_depth", TargetType.AVERAGE_VALUE, 5)), null, null);
    return new PolicyAutoscaler("keda-queue", AutoscalingPolicy.of(spec), 15);
  }

  public static Autoscaler knative(ModelProfile profile, int max) {
    ScalingSpec spec = new ScalingSpec(1, max, List.of(new MetricSpec("concurrency", TargetType.AVERAGE_VALUE, 0.7 * profile.maxNumSeqs())),
        null, null);
    return new PolicyAutoscaler("knative-kpa", new AutoscalingPolicy(spec, List.of(), Panic.DEFAULT, null, null, Pause.NONE), 2);
  }

  /**
   * How long Plimsoll's default policy waits for lower demand to hold before it scales down: the HPA's 300 s, or two
   * cold starts of the model where that is longer. The HPA's window was chosen for pods that start in seconds; a
   * replica removed too early and needed back costs a whole cold start of GPU time with its requests waiting, so the
   * evidence asked for before removing one grows with what a wrong removal costs. Two cold starts: a dip must outlast
   * the time it takes to undo the scale-down and then as long again. (In the backtests of BENCHMARKS.md this keeps the
   * 70B models, 215 s to load, from giving up a replica one ramp too early; the 8B ones keep the HPA's 300 s.)
   */
  public static int scaleDownWindowSeconds(ModelProfile profile) {
    return (int) Math.min(3600, Math.max(ScalingRules.DEFAULT_SCALE_DOWN.stabilizationWindowSeconds(), Math.ceil(2 * profile.modelLoadSeconds())));
  }

  /** The busy share of its time each replica is kept at by Plimsoll's default policy ({@code work_load}'s target). */
  public static final double LOAD_TARGET = 0.8;
  /** {@code e2e_load}'s target per replica in Plimsoll's default policy. */
  public static final double E2E_LOAD_TARGET = 0.8;

  /**
   * Plimsoll's default LLM policy, decided every scrape (1 s), on two loads in replica-equivalents, one per SLO target:
   * <ul>
   *   <li>{@code work_load} per replica at {@value #LOAD_TARGET}, for the time to first token: the work asked for, in
   *       replica-equivalents of busy time (prompt and generated tokens over the model's prefill and peak decode
   *       rates): the work the replicas do, plus what arrived and was not served (the queue's growth), plus the queue
   *       to drain within a cold start (30 s at least). A replica runs out of prefill and decode time, not CPU. Work
   *       done alone ({@code token_load}) stops at what the replicas manage, so under overload it would ask for one
   *       more replica per cold start; counting the queue's growth sees the rest, and while a backlog drains the
   *       drained work is not counted twice. A queue alone says nothing of how long it takes to drain, so a queue
   *       target (KEDA's) buys replicas by the queued request.
   *   <li>{@code e2e_load} per replica at {@value #E2E_LOAD_TARGET}, for the end-to-end target: the same work with
   *       prefill repriced, because a replica's batch decodes only between prefills, so a replica that is busy
   *       prefilling most of the time starves its decodes although {@code work_load} shows room; the 95th-percentile
   *       output must decode within the end-to-end target, which needs a share of each replica's time free of prefill
   *       ({@link Scrapes#e2eLoad}). {@code work_load} alone cannot see this: it needed 0.7 to hold the end-to-end
   *       target on the 70B runs of BENCHMARKS.md and still missed it on long prompts held out from tuning.
   *   <li>Both at 80 %: a replica absorbs a rise of 1 / 0.8 − 1 = 25 % in load while a scale-up loads (one cold start)
   *       before it is full, with the forecast below asking ahead for steadier rises; and a request's wait behind the
   *       work ahead of it stays near two service times (M/D/1: ρ / (2 (1 − ρ)) = 2 at ρ = 0.8), within an SLO whose
   *       TTFT target is at least twice the 95th-percentile prefill ({@link Backtest.Slo#forTrace}). Both come from
   *       vLLM's own metrics, so the collector computes them live (the queries are in docs/contracts.md); the gateway's
   *       {@code demand_load} (arrivals as the router counts them) scores no better in BENCHMARKS.md and needs counters
   *       no serving stack exposes in one standard form.
   *   <li>{@code kv_cache_usage} at 0.9: long contexts fill the KV cache before the batch fills its sequences, and then
   *       requests wait although the token rates look moderate.
   *   <li>Knative's panic mode on top (60 s / 6 s windows, 200 %) and a predictive scale-up one cold start ahead
   *       (least squares over 300 s), never downwards; the HPA's default behavior otherwise, except that scale-down is
   *       stabilized over two cold starts where that is longer than the HPA's 300 s ({@link #scaleDownWindowSeconds}).
   * </ul>
   */
  public static Autoscaler plimsoll(ModelProfile profile, int max) {
    return plimsoll(profile, max, Targets.DEFAULT);
  }

  /** Plimsoll's default LLM policy with other load targets (the command line's {@code --work-load-target} and {@code --e2e-load-target}). */
  public static Autoscaler plimsoll(ModelProfile profile, int max, Targets targets) {
    ScalingRules down = new ScalingRules(scaleDownWindowSeconds(profile), ScalingRules.DEFAULT_SCALE_DOWN.selectPolicy(),
        ScalingRules.DEFAULT_SCALE_DOWN.policies(), ScalingRules.DEFAULT_SCALE_DOWN.tolerance());
    List<MetricSpec> metrics = new java.util.ArrayList<>(List.of(new MetricSpec("work_load", TargetType.AVERAGE_VALUE, targets.workLoad()),
        new MetricSpec("kv_cache_usage", TargetType.VALUE, 0.9)));
    if (targets.e2eLoad() > 0) {
      metrics.add(new MetricSpec("e2e_load", TargetType.AVERAGE_VALUE, targets.e2eLoad()));
    }
    ScalingSpec spec = new ScalingSpec(1, max, List.copyOf(metrics), null, down);
    int coldStart = (int) Math.max(1, Math.min(3600, Math.round(profile.modelLoadSeconds())));
    return new PolicyAutoscaler("plimsoll", new AutoscalingPolicy(spec, List.of(), Panic.DEFAULT, new Predictive(coldStart, 300), null,
        Pause.NONE), 1);
  }
}
