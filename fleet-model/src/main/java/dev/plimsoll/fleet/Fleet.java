package dev.plimsoll.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named, scalable set of replicas of one model on a shared {@link GpuPool}, with a router in front.
 *
 * <p>Life cycle: a new replica takes {@link ModelProfile#gpusPerReplica()} GPUs of one node and is
 * {@link ReplicaState#LOADING} until {@code scheduledAt + modelLoadSeconds}, then {@link ReplicaState#READY}. When no
 * node has enough free GPUs it is {@link ReplicaState#PENDING} and gets GPUs (oldest pending first) as soon as a
 * removal frees some (here, or in another fleet sharing the pool: then at this fleet's next advance).
 *
 * <p>Routing: each request goes, when it is submitted, to the READY replica with the fewest requests
 * (waiting + running; ties go to the oldest replica) among those with fewer than
 * {@link RouterLimits#maxWaitingPerReplica()} requests waiting. While no replica is READY, requests wait in a
 * fleet-level (router) queue of at most {@link RouterLimits#maxPending()}, handed out in order the moment one becomes
 * READY; what a READY replica has no room for yet stays there and is handed out, oldest first, as room frees up (at
 * the fleet's next advance or submit, ahead of newer requests).
 *
 * <p>Gateway dispatch ({@link #dispatchLimit(int)}, off by default): an inference gateway that holds requests until a
 * replica can start on them soon — only a READY replica with fewer than the limit of requests still waiting for their
 * first token gets one — and otherwise keeps them in the router queue, handed out oldest first as replicas catch up
 * or become READY. Work that waits then waits at the gateway, where a new replica takes it, not behind one busy replica.
 *
 * <p>Load shedding (see {@link RouterLimits}): an arriving request that finds every READY replica's waiting queue
 * full, or no replica READY and the router queue full, is rejected and counted in {@link #rejectedRequests()} (a
 * cumulative counter), never on a replica. So the queues, and the memory they take, stay bounded however under-sized
 * the fleet is (down to zero replicas) and however long the trace plays.
 *
 * <p>Scaling down removes PENDING replicas first, then LOADING, then READY, newest first within each state. A
 * removed READY replica's queued requests go back to the router, which hands them out (with what it already holds,
 * in arrival order) to READY replicas with room and holds the rest; beyond {@link RouterLimits#maxPending()} the
 * latest arrivals are rejected. Its running requests are aborted (finished reason {@code abort}) and its GPUs released
 * at once — unless a termination grace period is set ({@link #terminationGraceSeconds(double)}, as Kubernetes gives a
 * pod {@code terminationGracePeriodSeconds} and vLLM finishes what it runs on SIGTERM): then the replica leaves the
 * fleet and takes no new work, but keeps serving its running requests and holding its GPUs until they finish or the
 * grace period ends, when what is left is aborted.
 *
 * <p>Not thread-safe; time (simulated seconds) only moves forward, through {@link #advanceTo(double)} or
 * {@link #scaleTo(int, double)}.
 */
public final class Fleet {

  private final String name;
  private final ModelProfile profile;
  private final GpuPool pool;
  private final RouterLimits limits;
  private double now;
  private int nextOrdinal;
  private final List<FleetReplica> replicas = new ArrayList<>();
  private final List<FleetReplica> draining = new ArrayList<>();
  private final Map<FleetReplica, Double> drainDeadline = new HashMap<>();
  private double graceSeconds;
  private int dispatchLimit;
  private final ArrayDeque<InferenceRequest> pending = new ArrayDeque<>();
  private long submitted;
  private long aborted;
  private long rejected;
  private RequestObserver observer = RequestObserver.NONE;

  /** An empty fleet whose clock starts at {@code startSeconds}, with the {@link RouterLimits#DEFAULT} limits. */
  public Fleet(String name, ModelProfile profile, GpuPool pool, double startSeconds) {
    this(name, profile, pool, startSeconds, RouterLimits.DEFAULT);
  }

  /** An empty fleet whose clock starts at {@code startSeconds}, its router shedding load beyond {@code limits}. */
  public Fleet(String name, ModelProfile profile, GpuPool pool, double startSeconds, RouterLimits limits) {
    this.name = Objects.requireNonNull(name, "name");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.now = startSeconds;
  }

  /**
   * From now on, a READY replica removed by a scale-down drains for up to {@code seconds} (see the class comment);
   * 0, the default, removes it at once.
   */
  public Fleet terminationGraceSeconds(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("termination grace must be a finite number of seconds >= 0, got " + seconds);
    }
    this.graceSeconds = seconds;
    return this;
  }

  /**
   * From now on, routes as an inference gateway does (see the class comment): a request goes only to a READY replica
   * with fewer than {@code requests} awaiting their first token, else waits in the router queue; 0, the default, routes
   * every request on arrival.
   */
  public Fleet dispatchLimit(int requests) {
    if (requests < 0) {
      throw new IllegalArgumentException("dispatch limit must be >= 0, got " + requests);
    }
    this.dispatchLimit = requests;
    return this;
  }

  /** Replicas removed by a scale-down that still finish their running requests (not in {@link #replicas()}). */
  public List<FleetReplica> drainingReplicas() {
    return Collections.unmodifiableList(draining);
  }

  /** GPUs held now: by LOADING and READY replicas and by draining ones. */
  public int heldGpus() {
    int gpus = 0;
    for (FleetReplica r : replicas) {
      if (r.state() == ReplicaState.LOADING || r.state() == ReplicaState.READY) {
        gpus += r.gpus().size();
      }
    }
    for (FleetReplica r : draining) {
      gpus += r.gpus().size();
    }
    return gpus;
  }

  /** Tells {@code observer} every request's first token and completion, on replicas that become ready from now on. */
  public void observe(RequestObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  public String name() {
    return name;
  }

  public ModelProfile profile() {
    return profile;
  }

  public GpuPool pool() {
    return pool;
  }

  public RouterLimits limits() {
    return limits;
  }

  /** The simulated time the fleet has been advanced to. */
  public double now() {
    return now;
  }

  /** The replicas, oldest first. */
  public List<FleetReplica> replicas() {
    return Collections.unmodifiableList(replicas);
  }

  public Optional<FleetReplica> replica(String id) {
    return replicas.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Replicas asked for by the last scale call (every replica, whatever its state). */
  public int desiredReplicas() {
    return replicas.size();
  }

  public int count(ReplicaState state) {
    return (int) replicas.stream().filter(r -> r.state() == state).count();
  }

  public int readyReplicas() {
    return count(ReplicaState.READY);
  }

  /**
   * Requests held by the router: they arrived while no replica was READY (or a scale-down took them back) and no
   * replica has room for them yet. At most {@link RouterLimits#maxPending()}.
   */
  public int pendingRequests() {
    return pending.size();
  }

  /** The prompt tokens of the requests the router holds (what a gateway knows of the work it queues). */
  public long pendingPromptTokens() {
    long tokens = 0;
    for (InferenceRequest r : pending) {
      tokens += r.promptTokens();
    }
    return tokens;
  }

  /** Requests submitted so far, including rejected ones. */
  public long submittedRequests() {
    return submitted;
  }

  /**
   * Requests the router rejected so far because the queues were full (see {@link RouterLimits}); cumulative. They
   * never reached a replica, so they count in none of its metrics.
   */
  public long rejectedRequests() {
    return rejected;
  }

  /** Running requests aborted by scale-downs so far. */
  public long abortedRequests() {
    return aborted;
  }

  /**
   * Routes a request at the current time (see the class comment): to a READY replica with room, else, while no
   * replica is READY, into the router queue if it has room; otherwise the request is rejected.
   *
   * @return false when the request was rejected (counted in {@link #rejectedRequests()})
   */
  public boolean submit(InferenceRequest request) {
    Objects.requireNonNull(request, "request");
    submitted++;
    drainPending(); // older requests held by the router go first
    FleetReplica target = leastLoadedWithRoom();
    if (target != null) {
      target.engine().orElseThrow().enqueue(request);
      return true;
    }
    if ((readyReplicas() == 0 || dispatchLimit > 0) && pending.size() < limits.maxPending()) {
      pending.addLast(request);
      return true;
    }
    rejected++;
    return false;
  }

  /**
   * Moves the fleet to {@code toSeconds}: replicas finish loading exactly on time (and take the fleet-level
   * queue), READY replicas serve.
   *
   * @throws IllegalArgumentException when {@code toSeconds} is before {@link #now()}
   */
  public void advanceTo(double toSeconds) {
    if (toSeconds < now) {
      throw new IllegalArgumentException("cannot go back in time from " + now + " to " + toSeconds);
    }
    while (true) {
      double nextReady = Double.POSITIVE_INFINITY;
      for (FleetReplica r : replicas) {
        if (r.state() == ReplicaState.LOADING) {
          nextReady = Math.min(nextReady, r.loadedAt(profile.modelLoadSeconds()));
        }
      }
      if (nextReady > toSeconds) {
        break;
      }
      serveDispatching(nextReady);
      for (FleetReplica r : replicas) {
        if (r.state() == ReplicaState.LOADING && r.loadedAt(profile.modelLoadSeconds()) <= nextReady) {
          r.ready(new Replica(r.id(), profile, nextReady, observer), nextReady);
        }
      }
      drainPending();
    }
    serveDispatching(toSeconds);
    drainPending(); // serving may have made room for requests the router holds
    if (schedulePending()) { // GPUs freed by another fleet sharing the pool: schedule now (then maybe READY now)
      advanceTo(toSeconds);
    }
  }

  /**
   * Sets the number of replicas at {@code atSeconds} (first advancing the fleet there): adds new replicas or
   * removes existing ones as the class comment describes.
   *
   * @throws IllegalArgumentException when {@code replicas < 0} or {@code atSeconds} is in the past
   */
  public void scaleTo(int replicaCount, double atSeconds) {
    if (replicaCount < 0) {
      throw new IllegalArgumentException("replicas must be >= 0, got " + replicaCount);
    }
    advanceTo(atSeconds);
    List<InferenceRequest> displaced = new ArrayList<>();
    if (replicaCount < replicas.size()) {
      List<FleetReplica> victims = replicas.stream()
          .sorted(Comparator.comparingInt((FleetReplica r) -> r.state().ordinal())
              .thenComparing(Comparator.comparingInt(FleetReplica::ordinal).reversed()))
          .limit(replicas.size() - (long) replicaCount)
          .toList();
      for (FleetReplica victim : victims) {
        replicas.remove(victim);
        var engine = victim.engine();
        if (engine.isPresent()) {
          displaced.addAll(engine.get().drainWaiting());
          if (graceSeconds > 0 && engine.get().running() > 0) {
            draining.add(victim);
            drainDeadline.put(victim, now + graceSeconds);
            continue;
          }
          aborted += engine.get().abortRunning();
        }
        pool.release(victim.id());
      }
    }
    schedulePending();
    while (replicas.size() < replicaCount) {
      FleetReplica added = new FleetReplica(name + "-" + nextOrdinal, nextOrdinal++, now);
      replicas.add(added);
      pool.allocate(added.id(), profile.gpusPerReplica()).ifPresent(gpus -> added.schedule(gpus, now));
    }
    requeue(displaced);
    advanceTo(now); // a zero model-load time makes new replicas READY at once
  }

  /**
   * Adds replicas that are already READY now, as if they had been serving before the simulation began (a warm
   * start). A replica that finds no free GPUs is PENDING, like any other.
   */
  public void addReadyReplicas(int count) {
    for (int i = 0; i < count; i++) {
      FleetReplica added = new FleetReplica(name + "-" + nextOrdinal, nextOrdinal++, now);
      replicas.add(added);
      pool.allocate(added.id(), profile.gpusPerReplica()).ifPresent(gpus -> {
        added.schedule(gpus, now);
        added.ready(new Replica(added.id(), profile, now, observer), now);
      });
    }
    drainPending();
  }

  /**
   * Serves until {@code t}; a dispatching router hands held requests out the moment a replica's prompt finishes
   * prefilling (that is when it gets room), not only at the caller's steps.
   */
  private void serveDispatching(double t) {
    while (dispatchLimit > 0 && !pending.isEmpty()) {
      double next = Double.POSITIVE_INFINITY;
      for (FleetReplica r : replicas) {
        if (r.state() == ReplicaState.READY) {
          next = Math.min(next, r.engine().orElseThrow().nextPrefillEnd());
        }
      }
      if (!(next < t)) {
        break;
      }
      serveUntil(Math.max(now, next));
      drainPending();
    }
    serveUntil(t);
  }

  private void serveUntil(double t) {
    for (FleetReplica r : replicas) {
      r.engine().ifPresent(engine -> engine.advanceTo(t));
    }
    now = t;
    finishDraining();
  }

  /**
   * Serves draining replicas until now; releases those done, and those past their grace period (aborting the rest).
   * PENDING replicas get freed GPUs at the end of the current advance (never mid-way, where their loading would start
   * behind the clock of the advance that is under way).
   */
  private void finishDraining() {
    for (var it = draining.iterator(); it.hasNext(); ) {
      FleetReplica r = it.next();
      double deadline = drainDeadline.get(r);
      Replica engine = r.engine().orElseThrow();
      engine.advanceTo(Math.min(now, deadline));
      if (engine.running() > 0 && now < deadline) {
        continue;
      }
      aborted += engine.abortRunning();
      pool.release(r.id());
      drainDeadline.remove(r);
      it.remove();
    }
  }

  /** The READY replica with the fewest requests among those whose waiting queue has room; ties go to the oldest. */
  private FleetReplica leastLoadedWithRoom() {
    FleetReplica target = null;
    for (FleetReplica r : replicas) {
      Replica engine = r.engine().orElse(null);
      if (r.state() == ReplicaState.READY && engine.waiting() < limits.maxWaitingPerReplica()
          && (dispatchLimit == 0 || engine.awaitingFirstToken() < dispatchLimit) && (target == null || r.load() < target.load())) {
        target = r;
      }
    }
    return target;
  }

  /** Hands the router's queue out, oldest first, while some READY replica has room. */
  private void drainPending() {
    while (!pending.isEmpty()) {
      FleetReplica target = leastLoadedWithRoom();
      if (target == null) {
        return;
      }
      target.engine().orElseThrow().enqueue(pending.pollFirst());
    }
  }

  /**
   * Takes requests back from removed replicas: merged with what the router holds, in arrival order, they go to READY
   * replicas with room, then into the router queue; beyond {@link RouterLimits#maxPending()} the latest arrivals are
   * rejected.
   */
  private void requeue(List<InferenceRequest> displaced) {
    if (displaced.isEmpty()) {
      return;
    }
    List<InferenceRequest> held = new ArrayList<>(pending);
    held.addAll(displaced);
    held.sort(Comparator.comparingDouble(InferenceRequest::arrival).thenComparingLong(InferenceRequest::id));
    pending.clear();
    for (InferenceRequest request : held) {
      FleetReplica target = pending.isEmpty() ? leastLoadedWithRoom() : null; // strict order: none overtakes a held one
      if (target != null) {
        target.engine().orElseThrow().enqueue(request);
      } else if (pending.size() < limits.maxPending()) {
        pending.addLast(request);
      } else {
        rejected++;
      }
    }
  }

  /** Gives free GPUs to PENDING replicas, oldest first; true when any was scheduled. */
  private boolean schedulePending() {
    boolean scheduled = false;
    for (FleetReplica r : replicas) {
      if (r.state() == ReplicaState.PENDING) {
        var gpus = pool.allocate(r.id(), profile.gpusPerReplica());
        if (gpus.isPresent()) {
          r.schedule(gpus.get(), now);
          scheduled = true;
        }
      }
    }
    return scheduled;
  }
}
