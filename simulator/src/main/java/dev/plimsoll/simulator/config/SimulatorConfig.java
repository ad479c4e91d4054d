package dev.plimsoll.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** Settings of the simulated fleet; every key can be set by an env var (e.g. {@code SIMULATOR_SPEEDUP=20}). */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

  /**
   * Simulated seconds per wall-clock second: with speedup {@code s} the simulated world runs {@code s} times faster
   * than the wall clock. Counters (tokens, requests) therefore grow {@code s}x faster per wall second, so rates a
   * scraper computes per wall second are {@code s}x the simulated rates, while the latency histograms (time to first
   * token, end-to-end, inter-token, queue time) and the model-load delay are recorded in simulated seconds (a 60 s
   * model load takes 6 wall seconds at speedup 10). Defaults to {@code 10}.
   */
  @WithDefault("10")
  double speedup();

  /** Wall-clock interval between two advances of the simulated clock. Defaults to {@code 100ms}. */
  @WithDefault("100ms")
  Duration tick();

  Trace trace();

  /** Simulated GPU nodes. Defaults to {@code 2}. */
  @WithDefault("2")
  int nodes();

  /** GPUs per node. Defaults to {@code 8}. */
  @WithDefault("8")
  int gpusPerNode();

  /** GPU product name, as GPU feature discovery labels it. Defaults to {@code NVIDIA-H100-80GB-HBM3}. */
  @WithDefault("NVIDIA-H100-80GB-HBM3")
  String gpuProduct();

  /** Memory of each GPU in MiB. Defaults to {@code 81559} (what an H100 80GB HBM3 reports). */
  @WithDefault("81559")
  long gpuMemoryMib();

  /** Name of the simulated fleet. Defaults to {@code chat}. */
  @WithDefault("chat")
  String fleetName();

  /** Namespace of the fleet's workload id {@code simulated/<namespace>/Fleet/<name>}. Defaults to {@code demo}. */
  @WithDefault("demo")
  String namespace();

  /** Model profile of the fleet's replicas (see {@code ModelProfile.known()}). Defaults to {@code llama-3.1-8b-h100}. */
  @WithDefault("llama-3.1-8b-h100")
  String profile();

  /** Replicas serving when the simulation starts (READY at once: a warm start). Defaults to {@code 1}. */
  @WithDefault("1")
  int initialReplicas();

  /** Largest replica count a scale call may ask for. Defaults to {@code 16}. */
  @WithDefault("16")
  int maxReplicas();

  /**
   * The router in front of the fleet sends a request to a READY replica only while fewer than this many requests
   * wait on it; an arriving request that finds every READY replica this full is rejected (load shedding, as a
   * gateway does: vLLM itself does not cap its queue). Rejections are counted in
   * {@code plimsoll_simulator_requests_rejected_total} and the fleet's {@code requestsRejected}, never in the
   * replicas' {@code vllm:} metrics. Must be {@code >= 1}. Defaults to {@code 1024}.
   */
  @WithDefault("1024")
  int maxWaitingPerReplica();

  /**
   * Requests the router holds while no replica is READY (e.g. scaled to 0, or every replica still loading), handed
   * out in order once one is; an arriving request that finds this queue full is rejected. Must be {@code >= 0}.
   * Defaults to {@code 4096}.
   */
  @WithDefault("4096")
  int maxPending();

  /**
   * Cold start of a new replica in simulated seconds, overriding the profile's (60 s for llama-3.1-8b-h100, so
   * 6 wall seconds at speedup 10). Defaults to the profile's value.
   */
  OptionalDouble modelLoadSeconds();

  /**
   * Base URL other services reach this simulator at, used in replica {@code metricsUrl}s (e.g.
   * {@code http://simulator:8090}). Defaults to the base URL of each request.
   */
  Optional<String> publicUrl();

  /** The request trace the fleet serves. */
  interface Trace {

    /** Default of {@link #loadMultiplier()}, shared with the calibration test. */
    String DEFAULT_LOAD_MULTIPLIER = "5";

    /**
     * The Azure LLM trace CSV: {@code classpath:} followed by a resource path, or a file path. Defaults to
     * {@code classpath:traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv} (Azure Public Dataset, CC BY 4.0).
     */
    @WithDefault("classpath:traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv")
    String path();

    /**
     * Divides the trace's inter-arrival times (2 = twice the request rate). Defaults to {@code 5}: calibrated on
     * the default trace and profile ({@code LoadCalibrationTest} checks it; times are simulated) so that ONE replica
     * of llama-3.1-8b-h100 is clearly overloaded (the trace at 5x brings ~28 req/s of ~1,150-token prompts, more than
     * one replica prefills: at least 100 requests wait after 100 simulated s, 10 wall seconds at speedup 10, until
     * {@code simulator.max-waiting-per-replica} sheds the excess), two replicas fall behind in the trace's bursts,
     * and 3 to 6 replicas cope over the whole trace (nothing waits). It was 3 while the profile carried rough figures
     * of about 40 % of the cited throughput.
     */
    @WithDefault(DEFAULT_LOAD_MULTIPLIER)
    double loadMultiplier();

    /** Start the trace again when it ends. Defaults to {@code true}. */
    @WithDefault("true")
    boolean loop();
  }
}
