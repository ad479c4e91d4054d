package dev.plimsoll.collector.signal;

import static dev.plimsoll.collector.signal.SignalDefinition.cluster;
import static dev.plimsoll.collector.signal.SignalDefinition.workload;

import dev.plimsoll.events.SignalNames;
import java.util.List;

/**
 * The catalogue every collector starts with. Workload signals come from vLLM's own metrics (both the
 * v1 names and the older v0 ones where vLLM renamed a metric); cluster signals from dcgm-exporter
 * (both {@code Hostname}/{@code hostname} and {@code UUID}/{@code uuid} label spellings, as the exporter
 * renamed them), node-exporter, cAdvisor and kube-state-metrics. Metric names: ANCHORS §4.4 and §5.3.
 */
public final class DefaultSignals {
  private DefaultSignals() {}

  private static final String HIST_P95 = "histogram_quantile(0.95, sum by (le) (rate(%s{$workload}[$window])))";

  public static final List<SignalDefinition> ALL = List.of(
      // vLLM, per workload: the five the scaler reads first, then the rest.
      workload(SignalNames.QUEUE_DEPTH, "sum(vllm:num_requests_waiting{$workload})", "requests waiting, summed over replicas"),
      workload(SignalNames.REQUESTS_RUNNING, "sum(vllm:num_requests_running{$workload})", "requests in running batches, summed over replicas"),
      workload(SignalNames.KV_CACHE_USAGE, "avg(vllm:kv_cache_usage_perc{$workload} or vllm:gpu_cache_usage_perc{$workload})",
          "KV-cache use 0..1, mean over replicas (v1 name, else the v0 one)"),
      workload(SignalNames.GENERATION_TOKENS_PER_SECOND, "sum(rate(vllm:generation_tokens_total{$workload}[$window]))",
          "generated tokens per second"),
      workload(SignalNames.TTFT_P95_SECONDS, HIST_P95.formatted("vllm:time_to_first_token_seconds_bucket"), "time to first token, p95 (s)"),
      workload("prompt_tokens_per_second", "sum(rate(vllm:prompt_tokens_total{$workload}[$window]))", "prefill tokens per second"),
      workload("ttft_p50_seconds", "histogram_quantile(0.5, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{$workload}[$window])))",
          "time to first token, p50 (s)"),
      workload("itl_p95_seconds", "histogram_quantile(0.95, sum by (le) (rate(vllm:inter_token_latency_seconds_bucket{$workload}[$window])"
          + " or rate(vllm:time_per_output_token_seconds_bucket{$workload}[$window])))", "inter-token latency, p95 (s; v1 name, else the v0 one)"),
      workload("e2e_latency_p95_seconds", HIST_P95.formatted("vllm:e2e_request_latency_seconds_bucket"), "end-to-end request latency, p95 (s)"),
      workload("request_rate", "sum(rate(vllm:request_success_total{$workload}[$window]))", "finished requests per second"),
      workload("abort_rate", "sum(rate(vllm:request_success_total{$workload,finished_reason=\"abort\"}[$window]))", "aborted requests per second"),
      workload("replicas_up", "sum(up{$workload})", "targets of the workload whose last scrape succeeded"),
      // dcgm-exporter, per GPU host (both label spellings kept by grouping on both).
      cluster("gpu_utilization", "avg by (Hostname, hostname) (DCGM_FI_DEV_GPU_UTIL)", "GPU utilisation % per host"),
      cluster("gpu_engine_active", "avg by (Hostname, hostname) (DCGM_FI_PROF_GR_ENGINE_ACTIVE)", "graphics engine active ratio per host"),
      cluster("gpu_framebuffer_used_ratio", "sum by (Hostname, hostname, UUID, uuid) (DCGM_FI_DEV_FB_USED) / "
          + "(sum by (Hostname, hostname, UUID, uuid) (DCGM_FI_DEV_FB_USED) + sum by (Hostname, hostname, UUID, uuid) (DCGM_FI_DEV_FB_FREE))",
          "framebuffer used / (used + free) per GPU"),
      cluster("gpu_power_watts", "sum by (Hostname, hostname) (DCGM_FI_DEV_POWER_USAGE)", "GPU power draw per host (W)"),
      cluster("gpu_temperature_celsius", "max by (Hostname, hostname) (DCGM_FI_DEV_GPU_TEMP)", "hottest GPU per host (°C)"),
      cluster("gpu_xid_errors", "max by (Hostname, hostname, UUID, uuid) (DCGM_FI_DEV_XID_ERRORS)", "last XID error per GPU (0 = none)"),
      // node-exporter and cAdvisor.
      cluster("node_cpu_busy_ratio", "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[$window]))", "CPU busy ratio per node"),
      cluster("node_memory_available_bytes", "sum by (instance) (node_memory_MemAvailable_bytes)", "available memory per node"),
      cluster("container_cpu_cores", "sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!=\"\"}[$window]))",
          "CPU cores used per pod"),
      cluster("container_memory_working_set_bytes", "sum by (namespace, pod) (container_memory_working_set_bytes{container!=\"\"})",
          "memory working set per pod"),
      // kube-state-metrics.
      cluster("pod_restarts", "sum by (namespace, pod) (kube_pod_container_status_restarts_total)", "container restarts per pod"),
      cluster("pods_pending", "sum by (namespace) (kube_pod_status_phase{phase=\"Pending\"})", "pending pods per namespace"));
}
