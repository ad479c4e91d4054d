package dev.plimsoll.gpu.api;

import dev.plimsoll.gpu.inventory.Inventory;
import dev.plimsoll.gpu.inventory.Observation;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/inventory}: totals of the last inventory read.
 *
 * @param source the inventory source, e.g. {@code simulator}
 * @param observedAt when the source was read
 * @param ageSeconds how old that read is now
 * @param nodes number of nodes
 * @param gpus GPUs on all nodes
 * @param allocated GPUs held by a workload
 * @param free GPUs not held
 * @param products totals per GPU product
 * @param lastError why the newest refresh failed (the totals are then older), or null
 */
public record InventoryResponse(String source, Instant observedAt, double ageSeconds, int nodes, int gpus, int allocated, int free,
    List<Inventory.ProductTotals> products, String lastError) {

  static InventoryResponse of(Observation o, Instant now, String lastError) {
    Inventory i = o.inventory();
    return new InventoryResponse(o.source(), o.observedAt(), o.ageSeconds(now), i.nodes(), i.gpus(), i.allocated(), i.free(),
        i.perProduct(), lastError);
  }
}
