package dev.plimsoll.backtest;

import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.scaling.AutoscalingPolicy;
import dev.plimsoll.scaling.MetricSpec;
import dev.plimsoll.scaling.Panic;
import dev.plimsoll.scaling.Pause;
import dev.plimsoll.scaling.Predictive;
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
 *   <li>{@code plimsoll}: Plimsoll's default LLM policy — queue depth per replica (5), every scrape (1 s), panic mode,
 *       and predictive scale-up one model-load cold start ahead.
 * </ul>
 */
public final class Baselines {
  private Baselines() {}

  public static List<Autoscaler> all(ModelProfile profile, int maxReplicas) {
    return List.of(hpa(maxReplicas), keda(maxReplicas), knative(profile, maxReplicas), plimsoll(profile, maxReplicas));
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

  public static Autoscaler plimsoll(ModelProfile profile, int max) {
    ScalingSpec spec = new ScalingSpec(1, max, List.of(new MetricSpec("queue_depth", TargetType.AVERAGE_VALUE, 5)), null, null);
    int coldStart = (int) Math.max(1, Math.min(3600, Math.round(profile.modelLoadSeconds())));
    return new PolicyAutoscaler("plimsoll", new AutoscalingPolicy(spec, List.of(), Panic.DEFAULT, new Predictive(coldStart, 300), null,
        Pause.NONE), 1);
  }
}
