package dev.plimsoll.cost.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** Prices and sizes the cost ledger is reported with. Every key can be set by an environment variable. */
@ConfigMapping(prefix = "cost")
public interface CostConfig {

  /**
   * Price of one GPU-hour, in {@link #currency()}: USD per GPU-hour, a typical on-demand price for one
   * H100-class GPU: set your own. Defaults to {@code 2.50}.
   */
  @WithDefault("2.50")
  @DecimalMin("0")
  BigDecimal gpuHourPrice();

  /** ISO 4217 code of the currency {@link #gpuHourPrice()} is in. Defaults to {@code USD}. */
  @WithDefault("USD")
  @NotBlank
  String currency();

  /** GPUs each replica of a workload holds, unless the workload overrides it. Defaults to {@code 1}. */
  @WithDefault("1")
  @Min(0)
  int gpusPerReplica();

  /**
   * Per-workload settings keyed by workload id, e.g.
   * {@code cost.workloads."simulated/demo/Fleet/chat".gpus-per-replica=2}. Defaults to none.
   */
  Map<String, Workload> workloads();

  /**
   * How far ahead of this service's clock a scaling decision may be dated (clock skew between the scaler and this
   * service); a decision dated later is malformed and skipped, as it would accrue into the future and make the ledger
   * ignore every real decision until then. Defaults to {@code 5m}.
   */
  @WithDefault("5m")
  Duration maxClockSkew();

  /**
   * How far ahead of now {@code GET /api/v1/costs?asOf=} may look (the open interval extrapolated at the current
   * replica count). Defaults to {@code 366d}.
   */
  @WithDefault("366d")
  Duration maxAsOfAhead();

  /**
   * How a scaling decision the database could not store is retried before it is rejected (and its step of the replica
   * count lost): {@code retries} more attempts, the first after {@code first-backoff}, each wait doubling up to 30 s.
   * The channel takes one message at a time, so the decisions behind it wait in their durable queue meanwhile, in
   * order. Defaults: 12 retries from 1 s, about five minutes of outage.
   */
  Retry decisionRetry();

  /** See {@link #decisionRetry()}. */
  interface Retry {
    @WithDefault("12")
    @Min(0)
    int retries();

    @WithDefault("1s")
    Duration firstBackoff();
  }

  /** How often the {@code plimsoll_cost_workloads} gauge is recounted from the database. Defaults to {@code 15s}. */
  @WithDefault("15s")
  Duration workloadsGaugeRefresh();

  /** One workload's overrides. */
  interface Workload {
    /** GPUs each replica of this workload holds (a negative one fails at startup). Defaults to {@link CostConfig#gpusPerReplica()}. */
    @Min(0)
    OptionalInt gpusPerReplica();
  }

  /** GPUs per replica of {@code workload}: its override, else the default. */
  default int gpusPerReplicaOf(String workload) {
    Workload w = workloads().get(workload);
    return w != null && w.gpusPerReplica().isPresent() ? w.gpusPerReplica().getAsInt() : gpusPerReplica();
  }
}
