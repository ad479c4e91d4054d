package dev.plimsoll.cost.waste;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stretch in which a GPU held by a pod stayed idle (the gpu-service's idle events), table {@code cost_idle_gpu}. */
@Entity
@Table(name = "cost_idle_gpu", indexes = @Index(name = "cost_idle_gpu_open", columnList = "node, uuid, ended_at"))
public class IdleGpuEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 255)
  private String node;

  @Column(nullable = false, length = 128)
  private String uuid;

  @Column(length = 255)
  private String namespace;

  @Column(length = 255)
  private String pod;

  /** When the GPU became idle. */
  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  /** When the stretch ended; null while it goes on. */
  @Column(name = "ended_at")
  private Instant endedAt;

  public Long getId() {
    return id;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getUuid() {
    return uuid;
  }

  public void setUuid(String uuid) {
    this.uuid = uuid;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public void setEndedAt(Instant endedAt) {
    this.endedAt = endedAt;
  }
}
