package dev.plimsoll.scaler.loop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The scaler's own meters (Prometheus names):
 * {@code plimsoll_scaler_evaluations_total{reason}}, {@code plimsoll_scaler_scale_calls_total{result}},
 * {@code plimsoll_scaler_snapshots_ignored_total{cause}}.
 */
@ApplicationScoped
public class ScalerMetrics {

  private final MeterRegistry registry;

  public ScalerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One evaluation of a workload's policy, by reason ({@code DesiredWithinRange}, ..., {@code FailedGetScale}). */
  void evaluation(String reason) {
    Counter.builder("plimsoll.scaler.evaluations").description("Policy evaluations, by reason")
        .tag("reason", reason).register(registry).increment();
  }

  /** One call to set a workload's replica count. */
  void scaleCall(boolean success) {
    Counter.builder("plimsoll.scaler.scale.calls").description("Calls to set a workload's replica count")
        .tag("result", success ? "success" : "failure").register(registry).increment();
  }

  /** A snapshot that led to no evaluation: {@code no_policy}, {@code malformed} or {@code invalid_policy}. */
  void ignored(String cause) {
    Counter.builder("plimsoll.scaler.snapshots.ignored").description("Snapshots not evaluated, by cause")
        .tag("cause", cause).register(registry).increment();
  }
}
