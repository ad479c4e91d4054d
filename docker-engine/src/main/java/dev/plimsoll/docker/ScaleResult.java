package dev.plimsoll.docker;

import java.util.List;

/**
 * What a {@link DockerEngine#scaleService} did.
 *
 * @param changed   false when the service already had the requested replicas (nothing was written)
 * @param attempts  read-modify-write rounds used; above 1 when another writer raced this one
 * @param warnings  the Engine's {@code ServiceUpdateResponse.Warnings}, usually empty
 */
public record ScaleResult(String serviceId, String serviceName, int previousReplicas, int replicas, boolean changed, int attempts, List<String> warnings) {
  public ScaleResult {
    warnings = List.copyOf(warnings);
  }
}
