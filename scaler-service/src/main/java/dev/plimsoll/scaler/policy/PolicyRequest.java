package dev.plimsoll.scaler.policy;

import dev.plimsoll.scaler.decision.DecisionPolicy;
import dev.plimsoll.scaler.decision.TargetType;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.Default;

/**
 * The body of {@code POST} and {@code PUT /api/v1/policies}. Omitted optional fields take the HPA's defaults:
 * targetType {@code AverageValue}, tolerance 0.1, scaleDownStabilizationSeconds 300. {@code version} is
 * required on PUT (optimistic locking) and ignored on POST.
 *
 * <p>{@code minReplicas} is at least 1: with 0 replicas nothing is scraped, every signal is unavailable and the
 * calculator would keep 0 forever. Scaling from zero needs activation thresholds (a later issue); the decision
 * core itself still accepts a minimum of 0.
 */
@ReplicaBounds
public record PolicyRequest(
    @NotNull @WorkloadIdFormat String workload,
    @NotNull @KnownSignal String metric,
    @TargetTypeName String targetType,
    @NotNull @DecimalMin(value = "0", inclusive = false) Double target,
    @NotNull @Min(value = 1, message = MIN_REPLICAS_MESSAGE) Integer minReplicas,
    @NotNull @Min(1) Integer maxReplicas,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double tolerance,
    @Min(0) @Max(3600) Integer scaleDownStabilizationSeconds,
    @PolicyModeName String mode,
    @Min(1) @Max(1000) Integer fallbackAfter,
    @Min(0) Integer fallbackReplicas,
    @NotNull(groups = PolicyRequest.OnUpdate.class, message = "must not be null: send the version you read") Long version) {

  static final String MIN_REPLICAS_MESSAGE =
      "must be at least 1: scale to zero needs activation thresholds, which are not supported yet";

  public static final String DEFAULT_TARGET_TYPE = TargetType.AVERAGE_VALUE.label();
  public static final double DEFAULT_TOLERANCE = DecisionPolicy.DEFAULT_TOLERANCE;
  public static final int DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS = (int) DecisionPolicy.DEFAULT_SCALE_DOWN_STABILIZATION.toSeconds();

  /** Validation group of a PUT: the default constraints plus a required {@code version}. */
  public interface OnUpdate extends Default {}

  public String modeOrDefault() {
    return mode == null ? PolicyMode.ENFORCE.label() : mode;
  }

  public String targetTypeOrDefault() {
    return targetType == null ? DEFAULT_TARGET_TYPE : targetType;
  }

  public double toleranceOrDefault() {
    return tolerance == null ? DEFAULT_TOLERANCE : tolerance;
  }

  public int scaleDownStabilizationSecondsOrDefault() {
    return scaleDownStabilizationSeconds == null ? DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS : scaleDownStabilizationSeconds;
  }
}
