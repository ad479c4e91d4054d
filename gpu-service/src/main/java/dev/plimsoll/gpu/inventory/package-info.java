/**
 * The GPU inventory core: plain Java, no framework imports, no clock. Nodes and GPUs as records
 * ({@link dev.plimsoll.gpu.inventory.GpuNode}, {@link dev.plimsoll.gpu.inventory.Gpu}), their totals
 * ({@link dev.plimsoll.gpu.inventory.Inventory}) and the cache's refresh state
 * ({@link dev.plimsoll.gpu.inventory.RefreshStatus}). Later issues add MIG slices, DCGM state and placement here.
 */
package dev.plimsoll.gpu.inventory;
