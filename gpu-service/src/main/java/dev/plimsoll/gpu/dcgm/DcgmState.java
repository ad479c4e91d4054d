package dev.plimsoll.gpu.dcgm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dcgm-exporter's samples joined per GPU (per MIG instance when there are instance labels): both label spellings
 * ({@code Hostname}/{@code hostname}, {@code UUID}/{@code uuid}) are read, the Kubernetes mapping labels
 * ({@code pod}, {@code namespace}, {@code container}) attribute the GPU to a pod. Plain Java.
 */
public final class DcgmState {
  private DcgmState() {}

  /** The metrics read; the query the gpu-service asks the collector is built from them. */
  public static final List<String> METRICS = List.of("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_DEV_FB_USED",
      "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_ROW_REMAP_FAILURE");

  /** One sample: a metric name, its labels and its value. */
  public record Sample(String metric, Map<String, String> labels, double value) {}

  /** Every GPU the samples describe, by node and UUID (and MIG instance). */
  public static List<GpuLive> of(List<Sample> samples) {
    Map<String, Builder> gpus = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (!METRICS.contains(s.metric()) || !Double.isFinite(s.value())) {
        continue;
      }
      Map<String, String> l = s.labels();
      String uuid = first(l, "UUID", "uuid");
      if (uuid == null) {
        continue;
      }
      String node = first(l, "Hostname", "hostname");
      String instance = l.get("GPU_I_ID");
      String key = node + "/" + uuid + "/" + instance;
      Builder b = gpus.computeIfAbsent(key, k -> new Builder(node, uuid, l.get("gpu"), l.get("modelName"), l.get("GPU_I_PROFILE"), instance));
      if (b.pod == null && l.get("pod") != null && !l.get("pod").isEmpty()) {
        b.pod = l.get("pod");
        b.namespace = l.get("namespace");
        b.container = l.get("container");
      }
      switch (s.metric()) {
        case "DCGM_FI_DEV_GPU_UTIL" -> b.util = s.value();
        case "DCGM_FI_PROF_GR_ENGINE_ACTIVE" -> b.engine = s.value();
        case "DCGM_FI_DEV_FB_USED" -> b.fbUsed = s.value();
        case "DCGM_FI_DEV_FB_FREE" -> b.fbFree = s.value();
        case "DCGM_FI_DEV_POWER_USAGE" -> b.power = s.value();
        case "DCGM_FI_DEV_GPU_TEMP" -> b.temp = s.value();
        case "DCGM_FI_DEV_XID_ERRORS" -> b.xid = (int) s.value();
        case "DCGM_FI_DEV_ROW_REMAP_FAILURE" -> b.remapFailure = s.value() != 0;
        default -> { }
      }
    }
    List<GpuLive> out = new ArrayList<>();
    for (Builder b : gpus.values()) {
      out.add(new GpuLive(b.node, b.uuid, b.index, b.model, b.migProfile, b.instance, b.util, b.engine, b.fbUsed, b.fbFree, b.power, b.temp,
          b.xid, b.remapFailure, b.namespace, b.pod, b.container));
    }
    out.sort(Comparator.comparing((GpuLive g) -> String.valueOf(g.node())).thenComparing(g -> String.valueOf(g.index()))
        .thenComparing(g -> String.valueOf(g.migInstance())));
    return out;
  }

  /** The query that fetches {@link #METRICS} in one go from a Prometheus-compatible API. */
  public static String query() {
    return "{__name__=~\"" + String.join("|", METRICS) + "\"}";
  }

  /**
   * Per node name, the unhealthy GPUs' reasons, one per GPU: a MIG-enabled GPU's XID comes only on its instances'
   * series (dcgm-exporter reports it per GPU instance), each carrying the same GPU's UUID, so they count once.
   */
  public static Map<String, List<String>> unhealthyByNode(List<GpuLive> gpus) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    java.util.Set<String> counted = new java.util.HashSet<>();
    for (GpuLive g : gpus) {
      String why = g.unhealthy();
      if (why != null && counted.add(g.node() + "/" + g.uuid())) {
        out.computeIfAbsent(g.node(), k -> new ArrayList<>()).add(why);
      }
    }
    return out;
  }

  private static String first(Map<String, String> labels, String a, String b) {
    String v = labels.get(a);
    return v != null && !v.isEmpty() ? v : labels.get(b) == null || labels.get(b).isEmpty() ? null : labels.get(b);
  }

  private static final class Builder {
    final String node;
    final String uuid;
    final String index;
    final String model;
    final String migProfile;
    final String instance;
    Double util;
    Double engine;
    Double fbUsed;
    Double fbFree;
    Double power;
    Double temp;
    Integer xid;
    boolean remapFailure;
    String namespace;
    String pod;
    String container;

    Builder(String node, String uuid, String index, String model, String migProfile, String instance) {
      this.node = node;
      this.uuid = uuid;
      this.index = index;
      this.model = model;
      this.migProfile = migProfile;
      this.instance = instance;
    }
  }
}
