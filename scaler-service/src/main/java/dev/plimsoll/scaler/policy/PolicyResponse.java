package dev.plimsoll.scaler.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * A stored policy as the API returns it: the policy document as it was written (with its workload, mode and
 * version filled in, so that it can be edited and sent back with PUT), plus where it came from and when
 * (see docs/contracts.md, "Scaler API").
 *
 * @param source {@code api} or {@code kubernetes} (a ScalingPolicy custom resource, named in {@code resource})
 * @param warnings what was accepted but is probably not meant (on create and update only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyResponse(long id, String source, String resource, Instant createdAt, Instant updatedAt, List<String> warnings,
    @JsonUnwrapped PolicyDocument policy) {

  static PolicyResponse of(PolicyStore.Stored s, List<String> warnings) {
    PolicyEntity e = s.entity();
    return new PolicyResponse(e.getId(), e.getSource(), e.getResourceRef(), e.getCreatedAt(), e.getUpdatedAt(),
        warnings == null || warnings.isEmpty() ? null : warnings, s.document());
  }

  /** One revision of a policy. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Revision(long version, String change, String source, Instant changedAt, @JsonUnwrapped PolicyDocument policy) {}
}
