package dev.plimsoll.gpu.dcgm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.events.GpuEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events on their edges: memory pressure and its clearing, a new XID, a row-remap failure, an idle stretch. */
class GpuAlertsTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static GpuLive gpu(double used, int xid, boolean remap, double busy, String pod) {
    return new GpuLive("node-1", "GPU-a", "0", "H100", null, null, busy * 100, busy, used, 80_000 - used, 300.0, 60.0, xid, remap,
        pod == null ? null : "llm", pod, pod == null ? null : "vllm");
  }

  private static List<String> types(List<GpuEvent> events) {
    return events.stream().map(GpuEvent::type).toList();
  }

  @Test
  void eachConditionIsReportedOnceOnItsEdge() {
    GpuAlerts alerts = GpuAlerts.of(0.95, 0.05, Duration.ofMinutes(10));
    assertEquals(List.of(), alerts.update(List.of(gpu(40_000, 0, false, 0.6, "vllm-0")), T0));
    assertEquals(List.of("memory-pressure"), types(alerts.update(List.of(gpu(78_000, 0, false, 0.6, "vllm-0")), T0.plusSeconds(5))));
    assertEquals(List.of(), types(alerts.update(List.of(gpu(79_000, 0, false, 0.6, "vllm-0")), T0.plusSeconds(10))));
    List<GpuEvent> xid = alerts.update(List.of(gpu(40_000, 79, false, 0.6, "vllm-0")), T0.plusSeconds(15));
    assertEquals(List.of("memory-pressure-cleared", "xid"), types(xid));
    assertEquals(79.0, xid.get(1).value());
    assertEquals("vllm-0", xid.get(1).pod());
    assertEquals(List.of(), types(alerts.update(List.of(gpu(40_000, 79, false, 0.6, "vllm-0")), T0.plusSeconds(20))));
    assertEquals(List.of("row-remap-failure"), types(alerts.update(List.of(gpu(40_000, 0, true, 0.6, "vllm-0")), T0.plusSeconds(25))));
  }

  @Test
  void anAttributedGpuIdleForTheWindowIsReportedOnceAndListed() {
    GpuAlerts alerts = GpuAlerts.of(0.95, 0.05, Duration.ofMinutes(10));
    assertEquals(List.of(), alerts.update(List.of(gpu(1_000, 0, false, 0.01, "vllm-0")), T0));
    assertEquals(List.of(), alerts.update(List.of(gpu(1_000, 0, false, 0.01, "vllm-0")), T0.plus(Duration.ofMinutes(9))));
    assertTrue(alerts.idle(T0.plus(Duration.ofMinutes(9))).isEmpty());
    List<GpuEvent> idle = alerts.update(List.of(gpu(1_000, 0, false, 0.02, "vllm-0")), T0.plus(Duration.ofMinutes(10)));
    assertEquals(List.of("idle"), types(idle));
    assertEquals(10.0, idle.get(0).value());
    assertEquals(List.of(), alerts.update(List.of(gpu(1_000, 0, false, 0.0, "vllm-0")), T0.plus(Duration.ofMinutes(20))));
    assertEquals(20.0, alerts.idle(T0.plus(Duration.ofMinutes(20))).get(0).minutes());
    // Busy again: the stretch ends, with its length; an unattributed GPU is never "idle" (nobody holds it).
    List<GpuEvent> ended = alerts.update(List.of(gpu(1_000, 0, false, 0.5, "vllm-0")), T0.plus(Duration.ofMinutes(21)));
    assertEquals(List.of("idle-ended"), types(ended));
    assertEquals(21.0, ended.get(0).value());
    assertTrue(alerts.idle(T0.plus(Duration.ofMinutes(21))).isEmpty());
    alerts.update(List.of(gpu(1_000, 0, false, 0.0, null)), T0.plus(Duration.ofMinutes(22)));
    assertEquals(List.of(), alerts.update(List.of(gpu(1_000, 0, false, 0.0, null)), T0.plus(Duration.ofMinutes(60))));
  }

  @Test
  void aGpuGoneFromTheReadingEndsItsIdleStretchAndPressure() {
    GpuAlerts alerts = GpuAlerts.of(0.95, 0.05, Duration.ofMinutes(10));
    GpuLive idleAndFull = gpu(79_000, 0, false, 0.01, "vllm-0");
    assertEquals(List.of("memory-pressure"), types(alerts.update(List.of(idleAndFull), T0)));
    assertEquals(List.of("idle"), types(alerts.update(List.of(idleAndFull), T0.plus(Duration.ofMinutes(10)))));
    // Its node is removed: the stretch ends (with its length, for the cost service) and the pressure clears, once.
    List<GpuEvent> gone = alerts.update(List.of(), T0.plus(Duration.ofMinutes(12)));
    assertEquals(List.of("idle-ended", "memory-pressure-cleared"), types(gone));
    assertEquals(12.0, gone.get(0).value());
    assertEquals("vllm-0", gone.get(0).pod());
    assertEquals(List.of(), alerts.update(List.of(), T0.plus(Duration.ofMinutes(13))));
  }

  @Test
  void pressureClearsWhenTheFramebufferFiguresGoMissing() {
    GpuAlerts alerts = GpuAlerts.of(0.95, 0.05, Duration.ofMinutes(10));
    assertEquals(List.of("memory-pressure"), types(alerts.update(List.of(gpu(79_000, 0, false, 0.6, "vllm-0")), T0)));
    GpuLive unknown = new GpuLive("node-1", "GPU-a", "0", "H100", null, null, 60.0, 0.6, null, null, 300.0, 60.0, 0, false, "llm",
        "vllm-0", "vllm");
    // no memoryUsed: a cleared event (it threw a NullPointerException formatting the share, freezing every refresh)
    List<GpuEvent> cleared = alerts.update(List.of(unknown), T0.plusSeconds(5));
    assertEquals(List.of("memory-pressure-cleared"), types(cleared));
    assertTrue(cleared.get(0).message().contains("no longer reported"), cleared.get(0).message());
  }
}
