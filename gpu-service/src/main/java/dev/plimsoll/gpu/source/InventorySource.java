package dev.plimsoll.gpu.source;

import dev.plimsoll.gpu.inventory.GpuNode;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where the GPU inventory comes from (a port). Today the simulator; later Kubernetes device-plugin and
 * GPU-feature-discovery labels, Swarm generic resources, DCGM.
 */
public interface InventorySource {

  /** Short name reported with the inventory, e.g. {@code simulator}. */
  String name();

  /** Where the source reads from (a URL), named in health data and problems. */
  String location();

  /** Reads every GPU node now. Fails when the source cannot be read or answers nonsense. */
  Uni<List<GpuNode>> nodes();

  /** One line saying why a read failed, for logs, health data and problems (no stack trace). */
  String describe(Throwable failure);
}
