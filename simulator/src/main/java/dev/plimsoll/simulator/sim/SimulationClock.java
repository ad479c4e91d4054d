package dev.plimsoll.simulator.sim;

import dev.plimsoll.simulator.config.SimulatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Drives the simulated clock: every {@code simulator.tick} of wall time it advances the simulation by the wall
 * time that really passed times {@code simulator.speedup} (nominally tick x speedup; measuring keeps simulated
 * delays such as model loads true to wall time when a tick runs late). A late tick catches up at most five ticks'
 * worth, so a paused JVM does not replay minutes of trace at once.
 */
@ApplicationScoped
public class SimulationClock {

  private static final Logger LOG = Logger.getLogger(SimulationClock.class);
  private static final int MAX_CATCH_UP_TICKS = 5;

  private final Simulation simulation;
  private final SimulatorConfig config;
  private ScheduledExecutorService executor;
  private long lastNanos;

  public SimulationClock(Simulation simulation, SimulatorConfig config) {
    this.simulation = simulation;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    long tickNanos = config.tick().toNanos();
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simulator-clock");
      t.setDaemon(true);
      return t;
    });
    lastNanos = System.nanoTime();
    executor.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void tick() {
    try {
      long nowNanos = System.nanoTime();
      long elapsed = Math.min(nowNanos - lastNanos, MAX_CATCH_UP_TICKS * config.tick().toNanos());
      lastNanos = nowNanos;
      simulation.advance(elapsed / 1e9 * config.speedup());
    } catch (RuntimeException e) {
      LOG.error("simulation tick failed; the clock keeps running", e); // never let the executor cancel the task
    }
  }
}
