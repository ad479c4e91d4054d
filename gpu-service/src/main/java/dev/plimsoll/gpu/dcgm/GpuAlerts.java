package dev.plimsoll.gpu.dcgm;

import dev.plimsoll.events.GpuEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns successive DCGM readings into events, each on its edge (not on every reading): memory pressure crossing the
 * threshold and clearing, a new XID, a row-remap failure, and a GPU attributed to a pod that stays below the busy
 * threshold for the idle window (once per idle stretch, and {@code idle-ended} with the stretch's length when it ends). Keeps what each GPU was; also answers the idle report.
 * Plain Java; not thread-safe (one refresher).
 */
public final class GpuAlerts {
  private final double memoryPressure;
  private final double idleBusy;
  private final Duration idleWindow;
  private final Map<String, State> states = new HashMap<>();

  /**
   * @param memoryPressure used framebuffer share at or above which a GPU is under pressure (0..1)
   * @param idleBusy busy share (engine activity, else utilisation) below which a GPU is idle (0..1)
   * @param idleWindow how long a GPU must stay idle before it is reported
   */
  private GpuAlerts(double memoryPressure, double idleBusy, Duration idleWindow) {
    this.memoryPressure = memoryPressure;
    this.idleBusy = idleBusy;
    this.idleWindow = idleWindow;
  }

  /** What is remembered of one GPU. */
  private static final class State {
    Instant idleSince;
    boolean idleReported;
    boolean pressured;
    int xid;
    boolean remapFailure;
    GpuLive last;
  }

  /** A GPU idle for the window. */
  public record Idle(GpuLive gpu, Instant since, double minutes) {}

  public static GpuAlerts of(double memoryPressure, double idleBusy, Duration idleWindow) {
    return new GpuAlerts(memoryPressure, idleBusy, idleWindow);
  }

  /**
   * Updates the state with one reading of every GPU and returns the events it causes. GPUs absent from it are forgotten,
   * after ending their idle stretch and memory pressure ({@code idle-ended}, {@code memory-pressure-cleared}).
   */
  public List<GpuEvent> update(List<GpuLive> gpus, Instant now) {
    List<GpuEvent> events = new ArrayList<>();
    Map<String, State> seen = new HashMap<>();
    // A MIG-enabled GPU reports an XID or a row-remap failure on each of its instances: one event per GPU.
    java.util.Set<String> faultsRaised = new java.util.HashSet<>();
    for (GpuLive g : gpus) {
      String key = g.node() + "/" + g.uuid() + "/" + g.migInstance();
      State s = states.getOrDefault(key, new State());
      seen.put(key, s);
      s.last = g;
      Double used = g.memoryUsed();
      boolean pressured = used != null && used >= memoryPressure;
      if (pressured != s.pressured) {
        // cleared also when the framebuffer figures went missing (no share to print then)
        events.add(event(pressured ? "memory-pressure" : "memory-pressure-cleared", now, g, used, used == null
            ? String.format(Locale.ROOT, "framebuffer use no longer reported on %s (threshold %.0f %%)", g.uuid(), memoryPressure * 100)
            : String.format(Locale.ROOT, "framebuffer %.0f %% used on %s (threshold %.0f %%)%s", used * 100, g.uuid(), memoryPressure * 100,
                pressured ? ": out-of-memory risk" : "")));
        s.pressured = pressured;
      }
      int xid = g.xid() == null ? 0 : g.xid();
      if (xid != 0 && xid != s.xid && faultsRaised.add(g.node() + "/" + g.uuid() + "/xid/" + xid)) {
        events.add(event("xid", now, g, (double) xid, "XID " + xid + " on " + g.uuid() + " (" + g.node() + "): no new work is placed on it"));
      }
      s.xid = xid;
      if (g.rowRemapFailure() && !s.remapFailure && faultsRaised.add(g.node() + "/" + g.uuid() + "/remap")) {
        events.add(event("row-remap-failure", now, g, 1.0, "row-remap failure on " + g.uuid() + " (" + g.node() + "): no new work is placed on it"));
      }
      s.remapFailure = g.rowRemapFailure();
      Double busy = g.busy();
      if (g.attributed() && busy != null && busy < idleBusy) {
        if (s.idleSince == null) {
          s.idleSince = now;
        }
        Duration idle = Duration.between(s.idleSince, now);
        if (!s.idleReported && idle.compareTo(idleWindow) >= 0) {
          s.idleReported = true;
          events.add(event("idle", now, g, idle.toSeconds() / 60.0, String.format(Locale.ROOT,
              "%s held by %s/%s has been below %.0f %% busy for %d min", g.uuid(), g.namespace(), g.pod(), idleBusy * 100, idle.toMinutes())));
        }
      } else {
        if (s.idleReported) {
          Duration idle = Duration.between(s.idleSince, now);
          events.add(event("idle-ended", now, g, idle.toSeconds() / 60.0, String.format(Locale.ROOT,
              "%s is busy again (or released) after %d min idle", g.uuid(), idle.toMinutes())));
        }
        s.idleSince = null;
        s.idleReported = false;
      }
    }
    // A GPU gone from the reading (its node removed, the exporter gone) ends what it had open: an idle stretch left
    // open would be priced as waste for ever by the cost service, and pressure would never clear.
    for (Map.Entry<String, State> gone : states.entrySet()) {
      State s = gone.getValue();
      if (seen.containsKey(gone.getKey()) || s.last == null) {
        continue;
      }
      if (s.idleReported) {
        Duration idle = Duration.between(s.idleSince, now);
        events.add(event("idle-ended", now, s.last, idle.toSeconds() / 60.0, String.format(Locale.ROOT,
            "%s is no longer reported after %d min idle", s.last.uuid(), idle.toMinutes())));
      }
      if (s.pressured) {
        events.add(event("memory-pressure-cleared", now, s.last, null, String.format(Locale.ROOT,
            "%s is no longer reported (threshold %.0f %%)", s.last.uuid(), memoryPressure * 100)));
      }
    }
    states.clear();
    states.putAll(seen);
    return events;
  }

  /** The GPUs idle for at least the window now, longest first. */
  public List<Idle> idle(Instant now) {
    List<Idle> out = new ArrayList<>();
    for (State s : states.values()) {
      if (s.idleSince != null && Duration.between(s.idleSince, now).compareTo(idleWindow) >= 0) {
        out.add(new Idle(s.last, s.idleSince, Duration.between(s.idleSince, now).toSeconds() / 60.0));
      }
    }
    out.sort((a, b) -> Double.compare(b.minutes(), a.minutes()));
    return out;
  }

  private static GpuEvent event(String type, Instant at, GpuLive g, Double value, String message) {
    return new GpuEvent(GpuEvent.SCHEMA, type, at, g.node(), g.uuid(), g.namespace(), g.pod(), value, message);
  }
}
