package dev.plimsoll.scaler.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One version of a policy as it was written (or deleted), table {@code scaling_policy_revision}. Never changed. */
@Entity
@Table(name = "scaling_policy_revision", indexes = @Index(name = "scaling_policy_revision_policy", columnList = "policy_id, version"))
public class PolicyRevisionEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "policy_id", nullable = false)
  private long policyId;

  @Column(nullable = false, length = 512)
  private String workload;

  /** The policy's version this revision holds. */
  @Column(nullable = false)
  private long version;

  /** created, updated or deleted. */
  @Column(nullable = false, length = 16)
  private String change;

  @Column(nullable = false, length = 16)
  private String mode;

  @Column(nullable = false, columnDefinition = "text")
  private String document;

  @Column(nullable = false, length = 16)
  private String source;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  static PolicyRevisionEntity of(PolicyEntity p, String change, Instant at) {
    PolicyRevisionEntity r = new PolicyRevisionEntity();
    r.policyId = p.getId();
    r.workload = p.getWorkload();
    r.version = p.getVersion();
    r.change = change;
    r.mode = p.getMode();
    r.document = p.getDocument();
    r.source = p.getSource();
    r.changedAt = at;
    return r;
  }

  public Long getId() {
    return id;
  }

  public long getPolicyId() {
    return policyId;
  }

  public String getWorkload() {
    return workload;
  }

  public long getVersion() {
    return version;
  }

  public String getChange() {
    return change;
  }

  public String getMode() {
    return mode;
  }

  public String getDocument() {
    return document;
  }

  public String getSource() {
    return source;
  }

  public Instant getChangedAt() {
    return changedAt;
  }
}
