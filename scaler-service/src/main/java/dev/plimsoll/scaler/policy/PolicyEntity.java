package dev.plimsoll.scaler.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One workload's scaling policy, table {@code scaler_policy}; at most one per workload. */
@Entity
@Table(name = "scaler_policy")
public class PolicyEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** Workload id, {@code platform/namespace/kind/name}. */
  @Column(nullable = false, unique = true, length = 512)
  private String workload;

  /** Signal name from {@code SignalNames}. */
  @Column(nullable = false, length = 128)
  private String metric;

  /** {@code Value} or {@code AverageValue}. */
  @Column(name = "target_type", nullable = false, length = 32)
  private String targetType;

  @Column(nullable = false)
  private double target;

  @Column(name = "min_replicas", nullable = false)
  private int minReplicas;

  @Column(name = "max_replicas", nullable = false)
  private int maxReplicas;

  @Column(nullable = false)
  private double tolerance;

  @Column(name = "scale_down_stabilization_seconds", nullable = false)
  private int scaleDownStabilizationSeconds;

  /** Optimistic-locking version: a PUT must send the version it read. */
  /** After this many evaluations in a row without a usable metric, the fallback acts; null: never. */
  @Column(name = "fallback_after")
  private Integer fallbackAfter;

  /** The count the fallback asks for (never below the current one); null: hold the current count. */
  @Column(name = "fallback_replicas")
  private Integer fallbackReplicas;

  /** enforce, dry-run or paused; null in rows stored before modes existed (read as enforce). */
  @Column(length = 16)
  private String mode;

  @Version
  @Column(nullable = false)
  private long version;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  public Long getId() {
    return id;
  }

  public String getWorkload() {
    return workload;
  }

  public void setWorkload(String workload) {
    this.workload = workload;
  }

  public String getMetric() {
    return metric;
  }

  public void setMetric(String metric) {
    this.metric = metric;
  }

  public String getTargetType() {
    return targetType;
  }

  public void setTargetType(String targetType) {
    this.targetType = targetType;
  }

  public double getTarget() {
    return target;
  }

  public void setTarget(double target) {
    this.target = target;
  }

  public int getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(int minReplicas) {
    this.minReplicas = minReplicas;
  }

  public int getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(int maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public double getTolerance() {
    return tolerance;
  }

  public void setTolerance(double tolerance) {
    this.tolerance = tolerance;
  }

  public int getScaleDownStabilizationSeconds() {
    return scaleDownStabilizationSeconds;
  }

  public void setScaleDownStabilizationSeconds(int scaleDownStabilizationSeconds) {
    this.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds;
  }

  public long getVersion() {
    return version;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public Integer getFallbackAfter() {
    return fallbackAfter;
  }

  public void setFallbackAfter(Integer fallbackAfter) {
    this.fallbackAfter = fallbackAfter;
  }

  public Integer getFallbackReplicas() {
    return fallbackReplicas;
  }

  public void setFallbackReplicas(Integer fallbackReplicas) {
    this.fallbackReplicas = fallbackReplicas;
  }
}
