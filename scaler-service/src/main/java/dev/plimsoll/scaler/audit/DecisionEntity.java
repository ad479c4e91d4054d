package dev.plimsoll.scaler.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One stored decision, table {@code scaler_decision}: only evaluations that changed the replica count, or
 * whose actuation failed, are stored (every evaluation is published as an event instead).
 */
@Entity
@Table(name = "scaler_decision", indexes = @Index(name = "scaler_decision_workload_time", columnList = "workload, decided_at"))
public class DecisionEntity {

  /** Longest stored message or error; longer text is cut. */
  public static final int TEXT_LENGTH = 2000;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 512)
  private String workload;

  @Column(name = "decided_at", nullable = false)
  private Instant decidedAt;

  /** Null when the current count could not be read. */
  @Column(name = "current_replicas")
  private Integer currentReplicas;

  /** Null when no decision could be made (the current count could not be read). */
  @Column(name = "desired_replicas")
  private Integer desiredReplicas;

  @Column(nullable = false, length = 64)
  private String reason;

  @Column(length = TEXT_LENGTH)
  private String message;

  @Column(nullable = false, length = 128)
  private String metric;

  @Column(name = "metric_value")
  private Double metricValue;

  @Column(nullable = false)
  private double target;

  /** True when a scale call was made and succeeded. */
  @Column(nullable = false)
  private boolean applied;

  /** Why reading or setting the replica count failed, or null. */
  @Column(length = TEXT_LENGTH)
  private String error;

  /** What the evaluation saw and what each layer did, as a JSON object (see docs/contracts.md); null for older rows. */
  @Column(columnDefinition = "text")
  private String inputs;

  /** The version of the policy that decided; null for older rows. */
  @Column(name = "policy_version")
  private Long policyVersion;

  public String getInputs() {
    return inputs;
  }

  public void setInputs(String inputs) {
    this.inputs = inputs;
  }

  public Long getPolicyVersion() {
    return policyVersion;
  }

  public void setPolicyVersion(Long policyVersion) {
    this.policyVersion = policyVersion;
  }

  public Long getId() {
    return id;
  }

  public String getWorkload() {
    return workload;
  }

  public void setWorkload(String workload) {
    this.workload = workload;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }

  public void setDecidedAt(Instant decidedAt) {
    this.decidedAt = decidedAt;
  }

  public Integer getCurrentReplicas() {
    return currentReplicas;
  }

  public void setCurrentReplicas(Integer currentReplicas) {
    this.currentReplicas = currentReplicas;
  }

  public Integer getDesiredReplicas() {
    return desiredReplicas;
  }

  public void setDesiredReplicas(Integer desiredReplicas) {
    this.desiredReplicas = desiredReplicas;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = cut(message);
  }

  public String getMetric() {
    return metric;
  }

  public void setMetric(String metric) {
    this.metric = metric;
  }

  public Double getMetricValue() {
    return metricValue;
  }

  public void setMetricValue(Double metricValue) {
    this.metricValue = metricValue;
  }

  public double getTarget() {
    return target;
  }

  public void setTarget(double target) {
    this.target = target;
  }

  public boolean isApplied() {
    return applied;
  }

  public void setApplied(boolean applied) {
    this.applied = applied;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = cut(error);
  }

  private static String cut(String text) {
    return text == null || text.length() <= TEXT_LENGTH ? text : text.substring(0, TEXT_LENGTH - 1) + "…";
  }
}
