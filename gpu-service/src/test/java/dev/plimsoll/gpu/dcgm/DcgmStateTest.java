package dev.plimsoll.gpu.dcgm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.exposition.ExpositionFormat;
import dev.plimsoll.exposition.ExpositionReader;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.exposition.ParseLimits;
import dev.plimsoll.exposition.SeriesCache;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dcgm-exporter outputs (real captures, see fixtures/dcgm/ATTRIBUTION.md) read by the project's own parser into per-GPU state. */
class DcgmStateTest {

  static List<DcgmState.Sample> samples(String fixture) throws Exception {
    byte[] body;
    try (InputStream in = DcgmStateTest.class.getResourceAsStream("/fixtures/dcgm/" + fixture)) {
      body = in.readAllBytes();
    }
    List<DcgmState.Sample> out = new ArrayList<>();
    new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT).read(body, new SeriesCache(10_000),
        (family, type, series, value, ts, exemplar) -> out.add(new DcgmState.Sample(series.name(), map(series.labels()), value)));
    return out;
  }

  static Map<String, String> map(Labels labels) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      m.put(labels.name(i), labels.value(i));
    }
    return m;
  }

  @Test
  void theEksH100CaptureGivesEightGpusOneAttributedToAVllmPod() throws Exception {
    List<GpuLive> gpus = DcgmState.of(samples("aicr-eks-h100-dcgm.txt"));
    assertEquals(8, gpus.size());
    GpuLive decode = gpus.get(2);
    assertEquals("ip-100-64-147-149.ec2.internal", decode.node());
    assertEquals("GPU-8d76cfcf-a144-5e43-876b-a4b71f2aecd1", decode.uuid());
    assertEquals("NVIDIA H100 80GB HBM3", decode.model());
    assertEquals("vllm-agg-0-vllmdecodeworker-dkb9q", decode.pod());
    assertEquals("dynamo-workload", decode.namespace());
    assertEquals("main", decode.container());
    assertEquals(110.786, decode.powerWatts(), 1e-9);
    assertEquals(29.0, decode.temperatureC());
    assertEquals(0.0, decode.busy());
    assertNull(decode.memoryUsed()); // no framebuffer samples in this capture
    assertFalse(gpus.get(0).attributed());
    assertNull(decode.unhealthy());
  }

  @Test
  void theT4CapturesReadWithTheirFramebuffer() throws Exception {
    List<GpuLive> gpus = DcgmState.of(samples("datadog-dcgm-metrics.txt"));
    GpuLive t4 = gpus.stream().filter(g -> "GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e".equals(g.uuid())).findFirst().orElseThrow();
    assertEquals("424773df46e0", t4.node());
    assertEquals(15109.0, t4.fbFreeMiB());
    assertEquals(0.0, t4.fbUsedMiB());
    assertEquals(0.0, t4.memoryUsed());
    assertEquals(0, t4.xid());
    assertTrue(gpus.stream().allMatch(g -> g.uuid() != null)); // samples without a UUID (fixture filler) are left out
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "old names, Hostname, UUID, 0, 0, -",
      "new names, hostname, uuid, 0, 0, -",
      "an XID, hostname, UUID, 79, 0, XID 79 on GPU-a",
      "a row-remap failure, Hostname, uuid, 0, 1, row-remap failure on GPU-a"})
  void bothLabelSpellingsAndHealth(String name, String host, String uuid, double xid, double remap, String unhealthy) {
    Map<String, String> labels = Map.of(host, "node-1", uuid, "GPU-a", "gpu", "0");
    List<GpuLive> gpus = DcgmState.of(List.of(new DcgmState.Sample("DCGM_FI_DEV_XID_ERRORS", labels, xid),
        new DcgmState.Sample("DCGM_FI_DEV_ROW_REMAP_FAILURE", labels, remap),
        new DcgmState.Sample("DCGM_FI_DEV_FB_USED", labels, 76_000), new DcgmState.Sample("DCGM_FI_DEV_FB_FREE", labels, 4_000),
        new DcgmState.Sample("DCGM_FI_PROF_GR_ENGINE_ACTIVE", labels, 0.42), new DcgmState.Sample("DCGM_FI_DEV_GPU_UTIL", labels, 99)));
    assertEquals(1, gpus.size());
    assertEquals("node-1", gpus.get(0).node());
    assertEquals(unhealthy, gpus.get(0).unhealthy());
    assertEquals(0.95, gpus.get(0).memoryUsed(), 1e-9);
    assertEquals(0.42, gpus.get(0).busy()); // the engine's activity wins over utilisation
    assertEquals(unhealthy == null ? Map.of() : Map.of("node-1", List.of(unhealthy)), DcgmState.unhealthyByNode(gpus));
  }

  @Test
  void migInstancesAreSeparateAndTheQueryNamesEveryMetric() {
    List<GpuLive> gpus = DcgmState.of(List.of(new DcgmState.Sample("DCGM_FI_DEV_GPU_UTIL", migInstance("1"), 10),
        new DcgmState.Sample("DCGM_FI_DEV_GPU_UTIL", migInstance("2"), 20)));
    assertEquals(List.of("1", "2"), gpus.stream().map(GpuLive::migInstance).toList());
    assertEquals("1g.10gb", gpus.get(0).migProfile());
    assertTrue(DcgmState.query().startsWith("{__name__=~\"DCGM_FI_DEV_GPU_UTIL|"));
    assertEquals(DcgmState.METRICS.size(), DcgmState.query().split("\\|").length);
  }

  @Test
  void aMigGpusXidOnItsInstancesMakesTheGpuUnhealthyOnce() {
    // dcgm-exporter on a MIG-enabled GPU: the XID comes per GPU instance, with the GPU's UUID on each
    List<GpuLive> gpus = DcgmState.of(List.of(new DcgmState.Sample("DCGM_FI_DEV_XID_ERRORS", migInstance("1"), 79),
        new DcgmState.Sample("DCGM_FI_DEV_XID_ERRORS", migInstance("2"), 79)));
    assertEquals(Map.of("n", List.of("XID 79 on GPU-a")), DcgmState.unhealthyByNode(gpus));
    // and one xid event for the GPU, not one per instance
    GpuAlerts alerts = GpuAlerts.of(0.95, 0.05, java.time.Duration.ofMinutes(10));
    assertEquals(List.of("xid"), alerts.update(gpus, java.time.Instant.parse("2026-11-28T10:00:00Z")).stream()
        .map(dev.plimsoll.events.GpuEvent::type).toList());
  }

  /** The labels of GPU-a's MIG instance {@code id} on node n, as dcgm-exporter writes them. */
  private static Map<String, String> migInstance(String id) {
    return Map.of("Hostname", "n", "UUID", "GPU-a", "GPU_I_ID", id, "GPU_I_PROFILE", "1g.10gb");
  }
}
