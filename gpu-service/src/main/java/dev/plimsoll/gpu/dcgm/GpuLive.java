package dev.plimsoll.gpu.dcgm;

/**
 * One GPU (or MIG instance) as dcgm-exporter last reported it. Any field the exporter did not send is null.
 *
 * @param node the exporter's host label ({@code Hostname}, since 2026 {@code hostname}), the node name under the GPU Operator
 * @param uuid the GPU's {@code UUID} (or {@code uuid})
 * @param index the {@code gpu} label
 * @param model {@code modelName}
 * @param migProfile {@code GPU_I_PROFILE} of a MIG instance, else null
 * @param migInstance {@code GPU_I_ID} of a MIG instance, else null
 * @param utilizationPercent {@code DCGM_FI_DEV_GPU_UTIL}
 * @param engineActive {@code DCGM_FI_PROF_GR_ENGINE_ACTIVE} (0..1), the better measure of a busy GPU
 * @param fbUsedMiB {@code DCGM_FI_DEV_FB_USED}
 * @param fbFreeMiB {@code DCGM_FI_DEV_FB_FREE}
 * @param powerWatts {@code DCGM_FI_DEV_POWER_USAGE}
 * @param temperatureC {@code DCGM_FI_DEV_GPU_TEMP}
 * @param xid {@code DCGM_FI_DEV_XID_ERRORS}: the last XID error, 0 for none
 * @param rowRemapFailure {@code DCGM_FI_DEV_ROW_REMAP_FAILURE} is non-zero
 * @param namespace the attributed pod's namespace (dcgm-exporter's Kubernetes mapping), else null
 * @param pod the attributed pod, else null
 * @param container the attributed container, else null
 */
public record GpuLive(String node, String uuid, String index, String model, String migProfile, String migInstance, Double utilizationPercent,
    Double engineActive, Double fbUsedMiB, Double fbFreeMiB, Double powerWatts, Double temperatureC, Integer xid, boolean rowRemapFailure,
    String namespace, String pod, String container) {

  /** How busy the GPU is, 0..1: the graphics engine's activity when profiled, else utilisation / 100; null when neither came. */
  public Double busy() {
    if (engineActive != null) {
      return engineActive;
    }
    return utilizationPercent == null ? null : utilizationPercent / 100.0;
  }

  /** The framebuffer's used share, 0..1, or null. */
  public Double memoryUsed() {
    if (fbUsedMiB == null || fbFreeMiB == null || fbUsedMiB + fbFreeMiB <= 0) {
      return null;
    }
    return fbUsedMiB / (fbUsedMiB + fbFreeMiB);
  }

  /** Why the GPU must not take new work (an XID error or a row-remap failure), or null when healthy. */
  public String unhealthy() {
    if (xid != null && xid != 0) {
      return "XID " + xid + " on " + uuid;
    }
    return rowRemapFailure ? "row-remap failure on " + uuid : null;
  }

  /** Whether a pod is attributed to it (dcgm-exporter leaves the labels empty for an unused GPU). */
  public boolean attributed() {
    return pod != null && !pod.isEmpty();
  }
}
