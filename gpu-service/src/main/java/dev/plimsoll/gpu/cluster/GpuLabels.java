package dev.plimsoll.gpu.cluster;

import java.util.Map;
import java.util.TreeMap;

/**
 * What GPU feature discovery says about a node, read from its labels ({@code nvidia.com/*}). Missing labels are
 * null. The product label carries the MIG-single profile ({@code A100-SXM4-40GB-MIG-1g.5gb}) and the sharing
 * marker ({@code -SHARED}, when time-slicing keeps the {@code nvidia.com/gpu} name); both are split off into
 * {@link #migProfile} and {@link #shared}, leaving {@link #baseProduct}.
 *
 * @param product the {@code nvidia.com/gpu.product} label as written
 * @param baseProduct the product without the MIG and SHARED suffixes, e.g. {@code NVIDIA-H100-80GB-HBM3}
 * @param migProfile the profile of a MIG-single node's units ({@code 3g.40gb}), else null
 * @param shared whether the product says {@code -SHARED}
 * @param memoryMiB {@code gpu.memory}: one GPU's (MIG single: one slice's) memory in MiB
 * @param count {@code gpu.count}: physical GPUs (MIG single: slices)
 * @param replicas {@code gpu.replicas}: shares per GPU (1 when not shared)
 * @param family {@code gpu.family}, e.g. {@code hopper}
 * @param computeCapability {@code gpu.compute.major.minor}, e.g. {@code 9.0}
 * @param driverVersion {@code cuda.driver-version.full} (or the deprecated {@code cuda.driver.*})
 * @param cudaVersion {@code cuda.runtime-version.full} (or the deprecated {@code cuda.runtime.*})
 * @param migStrategy {@code mig.strategy}: none, single or mixed
 * @param sharingStrategy {@code gpu.sharing-strategy}: none, time-slicing or mps
 * @param migTypes per MIG profile (strategy mixed): {@code nvidia.com/mig-<profile>.*}
 */
public record GpuLabels(String product, String baseProduct, String migProfile, boolean shared, Long memoryMiB, Integer count,
    Integer replicas, String family, String computeCapability, String driverVersion, String cudaVersion, String migStrategy,
    String sharingStrategy, Map<String, MigType> migTypes) {

  private static final String P = "nvidia.com/";

  /** What GFD says about one MIG profile on a mixed-strategy node. */
  public record MigType(Integer count, Long memoryMiB, Integer multiprocessors, Integer slicesGi, Integer slicesCi, Integer replicas) {}

  public static final GpuLabels NONE = new GpuLabels(null, null, null, false, null, null, null, null, null, null, null, null, null, Map.of());

  public GpuLabels {
    migTypes = migTypes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(migTypes));
  }

  /** Reads the labels of one node; labels that are absent or not numbers where numbers belong are null. */
  public static GpuLabels of(Map<String, String> labels) {
    if (labels == null) {
      return NONE;
    }
    String product = labels.get(P + "gpu.product");
    String base = product;
    String profile = null;
    boolean shared = false;
    if (base != null && base.endsWith("-SHARED")) {
      shared = true;
      base = base.substring(0, base.length() - "-SHARED".length());
    }
    int mig = base == null ? -1 : base.lastIndexOf("-MIG-");
    if (mig >= 0 && GpuResource.validProfile(base.substring(mig + 5))) {
      profile = base.substring(mig + 5);
      base = base.substring(0, mig);
    }
    String driver = labels.get(P + "cuda.driver-version.full");
    if (driver == null && labels.get(P + "cuda.driver.major") != null) {
      driver = join(labels.get(P + "cuda.driver.major"), labels.get(P + "cuda.driver.minor"), labels.get(P + "cuda.driver.rev"));
    }
    String cuda = labels.get(P + "cuda.runtime-version.full");
    if (cuda == null && labels.get(P + "cuda.runtime.major") != null) {
      cuda = join(labels.get(P + "cuda.runtime.major"), labels.get(P + "cuda.runtime.minor"), null);
    }
    String major = labels.get(P + "gpu.compute.major");
    String minor = labels.get(P + "gpu.compute.minor");
    Map<String, MigType> types = new TreeMap<>();
    for (String key : labels.keySet()) {
      if (key.startsWith(GpuResource.MIG_PREFIX) && key.endsWith(".count")) {
        String p = key.substring(GpuResource.MIG_PREFIX.length(), key.length() - ".count".length());
        if (GpuResource.validProfile(p)) {
          String t = GpuResource.MIG_PREFIX + p + ".";
          types.put(p, new MigType(integer(labels.get(t + "count")), longValue(labels.get(t + "memory")), integer(labels.get(t + "multiprocessors")),
              integer(labels.get(t + "slices.gi")), integer(labels.get(t + "slices.ci")), integer(labels.get(t + "replicas"))));
        }
      }
    }
    return new GpuLabels(product, base, profile, shared, longValue(labels.get(P + "gpu.memory")), integer(labels.get(P + "gpu.count")),
        integer(labels.get(P + "gpu.replicas")), labels.get(P + "gpu.family"), major == null ? null : major + "." + (minor == null ? "0" : minor),
        driver, cuda, labels.get(P + "mig.strategy"), labels.get(P + "gpu.sharing-strategy"), types);
  }

  private static String join(String a, String b, String c) {
    StringBuilder s = new StringBuilder(a);
    if (b != null && !b.isEmpty()) {
      s.append('.').append(b);
    }
    if (c != null && !c.isEmpty()) {
      s.append('.').append(c);
    }
    return s.toString();
  }

  private static Integer integer(String v) {
    try {
      return v == null ? null : Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long longValue(String v) {
    try {
      return v == null ? null : Long.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
