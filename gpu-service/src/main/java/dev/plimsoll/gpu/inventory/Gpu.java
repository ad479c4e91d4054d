package dev.plimsoll.gpu.inventory;

import java.util.Objects;

/**
 * One whole GPU on a node.
 *
 * @param index the GPU's index on its node (as {@code nvidia-smi} numbers it)
 * @param uuid the GPU's UUID, e.g. {@code GPU-5c1d...}
 * @param allocatedTo what holds the GPU (a replica or pod), or null when it is free
 */
public record Gpu(int index, String uuid, String allocatedTo) {

  public Gpu {
    Objects.requireNonNull(uuid, "uuid");
    if (allocatedTo != null && allocatedTo.isBlank()) {
      allocatedTo = null;
    }
  }

  public boolean allocated() {
    return allocatedTo != null;
  }
}
