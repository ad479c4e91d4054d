package dev.plimsoll.fleet;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One simulated GPU.
 *
 * @param node  the node it sits in
 * @param index its index within the node (as {@code nvidia-smi} numbers them)
 * @param uuid  {@code GPU-} and a UUID derived from node and index, so it is the same on every run
 */
public record SimGpu(String node, int index, String uuid) {

  /** The GPU with the given index on the given node, with its deterministic UUID. */
  public static SimGpu of(String node, int index) {
    UUID uuid = UUID.nameUUIDFromBytes(("plimsoll-simulator/" + node + "/" + index).getBytes(StandardCharsets.UTF_8));
    return new SimGpu(node, index, "GPU-" + uuid);
  }
}
