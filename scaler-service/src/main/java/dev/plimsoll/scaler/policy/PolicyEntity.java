package dev.plimsoll.scaler.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One workload's scaling policy, table {@code scaling_policy}; at most one per workload. The policy itself is
 * kept as its JSON {@link PolicyDocument} (as written, without workload, mode and version, which are columns),
 * so that what was sent is what is read back; every change is also kept in {@code scaling_policy_revision}.
 */
@Entity
@Table(name = "scaling_policy")
public class PolicyEntity {

  /** A policy written through {@code /api/v1/policies}. */
  public static final String SOURCE_API = "api";
  /** A policy written by a {@code ScalingPolicy} custom resource. */
  public static final String SOURCE_KUBERNETES = "kubernetes";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  /** Workload id, {@code platform/namespace/kind/name}. */
  @Column(nullable = false, unique = true, length = 512)
  private String workload;

  /** enforce, dry-run or paused. */
  @Column(nullable = false, length = 16)
  private String mode;

  /** The {@link PolicyDocument} as JSON. */
  @Column(nullable = false, columnDefinition = "text")
  private String document;

  /** {@link #SOURCE_API} or {@link #SOURCE_KUBERNETES}. */
  @Column(nullable = false, length = 16)
  private String source;

  /** For a custom resource: {@code namespace/name}; null otherwise. */
  @Column(name = "resource_ref", length = 512)
  private String resourceRef;

  /** Optimistic-locking version: a PUT must send the version it read. */
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

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getDocument() {
    return document;
  }

  public void setDocument(String document) {
    this.document = document;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getResourceRef() {
    return resourceRef;
  }

  public void setResourceRef(String resourceRef) {
    this.resourceRef = resourceRef;
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
}
