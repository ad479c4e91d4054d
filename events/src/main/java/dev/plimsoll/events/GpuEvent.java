package dev.plimsoll.events;

import java.time.Instant;

/**
 * Something about GPUs that other services act on, published by the gpu-service on the {@code gpu-events} exchange
 * (routing key: the {@code type}). Owned by the gpu-service.
 *
 * <ul>
 *   <li>{@code memory-pressure}: a GPU's framebuffer is above the threshold (out-of-memory risk); {@code value} is the
 *       used share (0..1); published when it crosses the threshold, and {@code memory-pressure-cleared} when it falls
 *       back below;
 *   <li>{@code xid}: a GPU reported an XID error ({@code value} is the XID); {@code row-remap-failure} likewise;
 *   <li>{@code idle}: a GPU attributed to a pod has been below the busy threshold for the idle window; {@code value} is
 *       the minutes idle so far (waste, for the cost service); published once per idle stretch, and {@code idle-ended}
 *       (value: the stretch's minutes) when the GPU is busy again or released;
 *   <li>{@code capacity}: a node's GPU count changed, or a GPU node appeared or went; {@code value} is its new count.
 * </ul>
 *
 * @param schema version of this schema, {@link #SCHEMA}
 * @param type see above
 * @param at when the gpu-service saw it
 * @param node the node (dcgm-exporter's host label, or the Kubernetes node name)
 * @param uuid the GPU's UUID, null for node-level events
 * @param namespace the attributed pod's namespace, or null
 * @param pod the attributed pod, or null
 * @param value see above
 * @param message the same in words
 */
public record GpuEvent(int schema, String type, Instant at, String node, String uuid, String namespace, String pod, Double value,
    String message) {

  public static final int SCHEMA = 1;
}
