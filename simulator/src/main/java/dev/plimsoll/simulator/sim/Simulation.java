package dev.plimsoll.simulator.sim;

import dev.plimsoll.events.WorkloadId;
import dev.plimsoll.fleet.Fleet;
import dev.plimsoll.fleet.FleetReplica;
import dev.plimsoll.fleet.GpuPool;
import dev.plimsoll.fleet.InferenceRequest;
import dev.plimsoll.fleet.ModelProfile;
import dev.plimsoll.fleet.ReplicaMetrics;
import dev.plimsoll.fleet.ReplicaState;
import dev.plimsoll.fleet.RouterLimits;
import dev.plimsoll.fleet.trace.Trace;
import dev.plimsoll.fleet.trace.TracePlayer;
import dev.plimsoll.simulator.config.SimulatorConfig;
import dev.plimsoll.simulator.telemetry.SimulatorMetrics;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The simulated world: one fleet on a pool of GPU nodes, fed by a trace on a simulated clock. All of its state is
 * guarded by one lock; readers get consistent copies through {@link #read(Function)}. Simulated time starts at the
 * wall-clock instant of startup and runs {@code simulator.speedup} times faster (see {@link SimulatorConfig#speedup()}
 * for what that means for counters and latencies). The fleet's router sheds load beyond
 * {@code simulator.max-waiting-per-replica} and {@code simulator.max-pending}, so the looping trace never grows the
 * queues without limit, even with 0 replicas.
 */
@Startup
@ApplicationScoped
public class Simulation {

  private static final Logger LOG = Logger.getLogger(Simulation.class);

  private final SimulatorConfig config;
  private final SimulatorMetrics metrics;
  private final Clock wallClock;
  private final ReentrantLock lock = new ReentrantLock();

  private String traceLocation;
  private Trace trace;
  private TracePlayer player;
  private GpuPool pool;
  private Fleet fleet;
  private Instant epoch;
  private double seconds;
  private long rejectedPublished;

  public Simulation(SimulatorConfig config, SimulatorMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.wallClock = Clock.systemUTC();
  }

  @PostConstruct
  void start() {
    validate(config);
    ModelProfile profile = ModelProfile.named(config.profile()).orElseThrow(() -> new IllegalStateException(
        "simulator.profile '" + config.profile() + "' is unknown; known profiles: "
            + ModelProfile.known().stream().map(ModelProfile::name).collect(Collectors.joining(", "))));
    if (config.modelLoadSeconds().isPresent()) {
      profile = profile.withModelLoadSeconds(config.modelLoadSeconds().getAsDouble());
    }
    traceLocation = config.trace().path();
    trace = TraceSource.load(traceLocation);
    player = new TracePlayer(trace, config.trace().loadMultiplier(), config.trace().loop());
    pool = GpuPool.uniform(config.nodes(), config.gpusPerNode(), config.gpuProduct(), config.gpuMemoryMib());
    epoch = wallClock.instant();
    fleet = new Fleet(config.fleetName(), profile, pool, 0, new RouterLimits(config.maxWaitingPerReplica(), config.maxPending()));
    fleet.addReadyReplicas(config.initialReplicas());
    publishFleetMetrics();
    LOG.infof("trace %s: %d requests over %.0f s, played at %.2fx load (%.1f req/s)%s; fleet %s: %d replica(s) "
            + "of %s on %d node(s) x %d GPU(s), speedup %.1f", traceLocation, trace.size(), trace.spanSeconds(),
        player.loadMultiplier(), trace.size() / Math.max(player.periodSeconds(), 1e-9), config.trace().loop() ? ", looping" : "",
        fleet.name(), config.initialReplicas(), profile.name(), config.nodes(), config.gpusPerNode(), config.speedup());
    LOG.infof("router sheds load beyond %d waiting request(s) per replica and %d held while no replica is READY",
        config.maxWaitingPerReplica(), config.maxPending());
  }

  private static void validate(SimulatorConfig c) {
    require(c.speedup() > 0 && Double.isFinite(c.speedup()), "simulator.speedup must be > 0, got " + c.speedup());
    require(!c.tick().isNegative() && !c.tick().isZero(), "simulator.tick must be > 0, got " + c.tick());
    require(c.trace().loadMultiplier() > 0 && Double.isFinite(c.trace().loadMultiplier()),
        "simulator.trace.load-multiplier must be > 0, got " + c.trace().loadMultiplier());
    require(c.nodes() >= 0 && c.gpusPerNode() >= 0, "simulator.nodes and simulator.gpus-per-node must be >= 0");
    require(c.maxReplicas() >= 0, "simulator.max-replicas must be >= 0, got " + c.maxReplicas());
    require(c.initialReplicas() >= 0 && c.initialReplicas() <= c.maxReplicas(),
        "simulator.initial-replicas must be between 0 and simulator.max-replicas (" + c.maxReplicas() + "), got " + c.initialReplicas());
    require(c.maxWaitingPerReplica() >= 1, "simulator.max-waiting-per-replica must be >= 1, got " + c.maxWaitingPerReplica());
    require(c.maxPending() >= 0, "simulator.max-pending must be >= 0, got " + c.maxPending());
    c.modelLoadSeconds().ifPresent(s -> require(s >= 0 && Double.isFinite(s), "simulator.model-load-seconds must be >= 0, got " + s));
    require(c.fleetName().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), "simulator.fleet-name must be a DNS label, got '" + c.fleetName() + "'");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  /** Moves simulated time forward by {@code simulatedSeconds}: releases due trace requests and serves them. */
  public void advance(double simulatedSeconds) {
    if (!(simulatedSeconds > 0)) {
      return;
    }
    lock.lock();
    try {
      double target = seconds + simulatedSeconds;
      List<InferenceRequest> due = player.releaseUpTo(target);
      for (InferenceRequest request : due) {
        fleet.advanceTo(request.arrival()); // route each request with the fleet as it is at its arrival
        fleet.submit(request);
      }
      fleet.advanceTo(target);
      seconds = target;
      metrics.released(due.size());
      publishFleetMetrics();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sets a fleet's replica count now; logs the change.
   *
   * @throws UnknownFleetException when no fleet has that name
   */
  public ScaleResult scale(String fleetName, int replicas) {
    lock.lock();
    try {
      Fleet target = fleetNamed(fleetName);
      int before = target.desiredReplicas();
      target.scaleTo(replicas, seconds);
      publishFleetMetrics();
      if (before != replicas) {
        LOG.infof("fleet %s scaled from %d to %d replica(s) at simulated %s (ready %d, loading %d, pending %d)",
            target.name(), before, replicas, instantAt(seconds), target.readyReplicas(),
            target.count(ReplicaState.LOADING), target.count(ReplicaState.PENDING));
      }
      return new ScaleResult(workload(target), target.desiredReplicas(), target.readyReplicas());
    } finally {
      lock.unlock();
    }
  }

  /** What a burst did: requests submitted to the fleet's router, those it shed, and when (simulated). */
  public record BurstResult(int submitted, int rejected, Instant at) {}

  private long burstIds = 1_000_000_000_000L;

  /**
   * Submits {@code requests} requests at once, now, to a fleet (on top of the trace): a load burst for
   * reaction-time measurements and demos.
   *
   * @throws UnknownFleetException when no fleet has that name
   */
  public BurstResult burst(String fleetName, int requests, int promptTokens, int outputTokens) {
    lock.lock();
    try {
      Fleet target = fleetNamed(fleetName);
      int rejected = 0;
      for (int i = 0; i < requests; i++) {
        if (!target.submit(new InferenceRequest(burstIds++, seconds, promptTokens, outputTokens))) {
          rejected++;
        }
      }
      publishFleetMetrics();
      LOG.infof("burst of %d request(s) into fleet %s at simulated %s (%d shed)", requests, fleetName, instantAt(seconds), rejected);
      return new BurstResult(requests - rejected, rejected, instantAt(seconds));
    } finally {
      lock.unlock();
    }
  }

  /** One replica's vLLM metrics, copied. */
  public ReplicaMetrics replicaMetrics(String fleetName, String replicaId) {
    lock.lock();
    try {
      FleetReplica replica = fleetNamed(fleetName).replica(replicaId)
          .orElseThrow(() -> new UnknownReplicaException(fleetName, replicaId));
      return replica.engine().orElseThrow(() -> new ReplicaNotReadyException(replicaId, replica.state())).metrics();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code reader} under the lock with a view of the whole state. The reader must copy what it needs and keep
   * no reference to the fleet or pool.
   */
  public <T> T read(Function<View, T> reader) {
    lock.lock();
    try {
      return reader.apply(new View());
    } finally {
      lock.unlock();
    }
  }

  /** The workload id of a fleet, {@code simulated/<namespace>/Fleet/<name>}. */
  public String workload(Fleet f) {
    return WorkloadId.simulatedFleet(config.namespace(), f.name()).toString();
  }

  /** The trace's location, as configured. */
  public String traceLocation() {
    return traceLocation;
  }

  /** Requests in the trace (one pass); 0 before it is loaded. */
  public int traceRequests() {
    return trace == null ? 0 : trace.size();
  }

  public boolean traceLoaded() {
    return trace != null;
  }

  private Fleet fleetNamed(String name) {
    if (fleet == null || !fleet.name().equals(name)) {
      throw new UnknownFleetException(name);
    }
    return fleet;
  }

  private Instant instantAt(double simulatedSeconds) {
    return epoch.plusNanos(Math.round(simulatedSeconds * 1e9));
  }

  /** Under the lock: replica counts, and the requests the router rejected since the last call. */
  private void publishFleetMetrics() {
    metrics.replicas(fleet.count(ReplicaState.PENDING), fleet.count(ReplicaState.LOADING), fleet.count(ReplicaState.READY));
    long rejected = fleet.rejectedRequests();
    metrics.rejected(rejected - rejectedPublished);
    rejectedPublished = rejected;
  }

  /** The outcome of a scale call. */
  public record ScaleResult(String workload, int replicas, int readyReplicas) {}

  /** What a reader may look at, only while it holds the lock (inside {@link #read(Function)}). */
  public final class View {

    private View() {}

    /** Every fleet (there is one). */
    public List<Fleet> fleets() {
      return List.of(fleet);
    }

    public Optional<Fleet> fleet(String name) {
      return fleet.name().equals(name) ? Optional.of(fleet) : Optional.empty();
    }

    public GpuPool pool() {
      return pool;
    }

    public String namespace() {
      return config.namespace();
    }

    public String workload(Fleet f) {
      return Simulation.this.workload(f);
    }

    /** The wall-clock-like instant of a simulated time (seconds since the start). */
    public Instant instantAt(double simulatedSeconds) {
      return Simulation.this.instantAt(simulatedSeconds);
    }

    /** Simulated seconds since the start. */
    public double seconds() {
      return seconds;
    }

    public double speedup() {
      return config.speedup();
    }

    public long released() {
      return player.released();
    }

    public int traceRequests() {
      return trace.size();
    }
  }
}
