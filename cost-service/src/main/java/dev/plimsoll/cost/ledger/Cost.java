package dev.plimsoll.cost.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a ledger has cost up to a point in time. Values are exact to {@link Ledger#MATH} (16 significant
 * digits) and not rounded: round only for presentation, with {@link #presentedCost()} and
 * {@link #presentedGpuHours()}, and sum unrounded values.
 *
 * @param replicaSeconds replica-seconds accrued (millisecond resolution)
 * @param gpuHours {@code replicaSeconds * gpusPerReplica / 3600}
 * @param cost {@code gpuHours * gpuHourPrice}, in the price's currency
 */
public record Cost(double replicaSeconds, BigDecimal gpuHours, BigDecimal cost) {

  /** Decimal places of money as presented: cents. */
  public static final int MONEY_SCALE = 2;
  /** Decimal places of GPU-hours as presented. */
  public static final int GPU_HOURS_SCALE = 4;
  /** Decimal places of replica-seconds as presented (milliseconds). */
  public static final int REPLICA_SECONDS_SCALE = 3;
  /** Presentation rounding: half up, as on an invoice. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

  public static final Cost ZERO = new Cost(0.0, BigDecimal.ZERO, BigDecimal.ZERO);

  /** {@link #cost()} rounded to cents. */
  public BigDecimal presentedCost() {
    return money(cost);
  }

  /** {@link #gpuHours()} rounded to {@value #GPU_HOURS_SCALE} decimals. */
  public BigDecimal presentedGpuHours() {
    return gpuHours.setScale(GPU_HOURS_SCALE, ROUNDING);
  }

  /** {@link #replicaSeconds()} rounded to milliseconds. */
  public double presentedReplicaSeconds() {
    return BigDecimal.valueOf(replicaSeconds).setScale(REPLICA_SECONDS_SCALE, ROUNDING).doubleValue();
  }

  /** Rounds an amount of money to cents for presentation. */
  public static BigDecimal money(BigDecimal amount) {
    return amount.setScale(MONEY_SCALE, ROUNDING);
  }
}
