package dev.plimsoll.cost.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The cost ledger of one workload, as pure functions: a workload's replica count is a step function of
 * time that changes at each scaling decision, and its GPU cost is the integral of that function times
 * the GPUs per replica times the price of a GPU-hour. No clock, no I/O: time is always passed in.
 *
 * <p>The first decision seen for a workload opens its ledger at the decision's time: its
 * {@code currentReplicas} ran until then, but since when is unknown, so nothing before it is counted.
 * Durations are counted in whole milliseconds.
 */
public final class Ledger {

  /** Precision of money and GPU-hour arithmetic: 16 significant digits, half even (IEEE 754 decimal64). */
  public static final MathContext MATH = MathContext.DECIMAL64;

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  private Ledger() {}

  /**
   * Feeds one scaling decision to a ledger.
   *
   * @param state the ledger so far, or null when this is the workload's first decision
   * @param eventAt when the decision was made
   * @param replicasAfter replicas the workload runs from {@code eventAt} on (must be >= 0)
   * @return the new state; a decision older than {@code state.lastEventAt()} is ignored and counted
   */
  public static Accrual accrue(LedgerState state, Instant eventAt, int replicasAfter) {
    Objects.requireNonNull(eventAt, "eventAt");
    if (replicasAfter < 0) {
      throw new IllegalArgumentException("replicasAfter must be >= 0, was " + replicasAfter);
    }
    if (state == null) {
      return new Accrual(LedgerState.open(eventAt, replicasAfter), Accrual.Outcome.OPENED);
    }
    if (eventAt.isBefore(state.lastEventAt())) {
      var ignored = new LedgerState(state.since(), state.lastEventAt(), state.replicas(), state.replicaSeconds(),
          state.eventsIgnored() + 1);
      return new Accrual(ignored, Accrual.Outcome.IGNORED);
    }
    double accrued = state.replicaSeconds() + replicaSeconds(state.replicas(), state.lastEventAt(), eventAt);
    var next = new LedgerState(state.since(), eventAt, replicasAfter, accrued, state.eventsIgnored());
    return new Accrual(next, Accrual.Outcome.ACCRUED);
  }

  /**
   * Replica-seconds up to {@code now}: those accrued to the last decision plus the open interval since it
   * at the current replica count. The ledger keeps no history, so a {@code now} before the last decision
   * counts no open interval (it does not subtract).
   */
  public static double replicaSecondsAt(LedgerState state, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(now, "now");
    return state.replicaSeconds() + replicaSeconds(state.replicas(), state.lastEventAt(), now);
  }

  /**
   * What the workload has cost up to {@code now}, unrounded (see {@link Cost}).
   *
   * @param gpuHourPrice price of one GPU-hour (>= 0)
   * @param gpusPerReplica GPUs each replica holds (>= 0)
   */
  public static Cost costAt(LedgerState state, Instant now, BigDecimal gpuHourPrice, int gpusPerReplica) {
    Objects.requireNonNull(gpuHourPrice, "gpuHourPrice");
    if (gpuHourPrice.signum() < 0) {
      throw new IllegalArgumentException("gpuHourPrice must be >= 0, was " + gpuHourPrice);
    }
    if (gpusPerReplica < 0) {
      throw new IllegalArgumentException("gpusPerReplica must be >= 0, was " + gpusPerReplica);
    }
    double replicaSeconds = replicaSecondsAt(state, now);
    BigDecimal gpuHours = BigDecimal.valueOf(replicaSeconds)
        .multiply(BigDecimal.valueOf(gpusPerReplica), MATH)
        .divide(SECONDS_PER_HOUR, MATH);
    return new Cost(replicaSeconds, gpuHours, gpuHours.multiply(gpuHourPrice, MATH));
  }

  /**
   * {@code replicas * (to - from)} in seconds, to the nanosecond the instants carry (the scaler's are to the microsecond;
   * truncating each interval to whole milliseconds under-counted about half a millisecond a decision), in a double, so
   * no span overflows; zero when {@code to} is not after {@code from}.
   */
  static double replicaSeconds(int replicas, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0.0;
    }
    Duration span = Duration.between(from, to);
    return replicas * (span.getSeconds() + span.getNano() / 1e9);
  }
}
