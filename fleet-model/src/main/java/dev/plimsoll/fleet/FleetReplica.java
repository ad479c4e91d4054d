package dev.plimsoll.fleet;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One replica of a {@link Fleet}: its life cycle (state, times, GPUs) and, once {@link ReplicaState#READY}, its
 * serving {@link Replica}. Times are simulated seconds. Only the fleet changes it.
 */
public final class FleetReplica {

  private final String id;
  private final int ordinal;
  private final double createdAt;
  private ReplicaState state = ReplicaState.PENDING;
  private double scheduledAt = Double.NaN;
  private double readyAt = Double.NaN;
  private List<SimGpu> gpus = List.of();
  private Replica engine;

  FleetReplica(String id, int ordinal, double createdAt) {
    this.id = id;
    this.ordinal = ordinal;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  /** Its place in the fleet's creation order: 0 for the first replica ever created, never reused. */
  public int ordinal() {
    return ordinal;
  }

  public ReplicaState state() {
    return state;
  }

  /** When the fleet created it (the scale call). */
  public double createdAt() {
    return createdAt;
  }

  /** When it got its GPUs and started loading the model; empty while {@link ReplicaState#PENDING}. */
  public OptionalDouble scheduledAt() {
    return Double.isNaN(scheduledAt) ? OptionalDouble.empty() : OptionalDouble.of(scheduledAt);
  }

  /** When it became {@link ReplicaState#READY}; empty before. */
  public OptionalDouble readyAt() {
    return Double.isNaN(readyAt) ? OptionalDouble.empty() : OptionalDouble.of(readyAt);
  }

  /** Its GPUs (all on one node); empty while {@link ReplicaState#PENDING}. */
  public List<SimGpu> gpus() {
    return gpus;
  }

  /** The node it runs on; empty while {@link ReplicaState#PENDING}. */
  public Optional<String> node() {
    return gpus.isEmpty() ? Optional.empty() : Optional.of(gpus.get(0).node());
  }

  /** The serving engine, present once {@link ReplicaState#READY}. */
  public Optional<Replica> engine() {
    return Optional.ofNullable(engine);
  }

  double loadedAt(double modelLoadSeconds) {
    return scheduledAt + modelLoadSeconds;
  }

  void schedule(List<SimGpu> allocated, double at) {
    gpus = List.copyOf(allocated);
    scheduledAt = at;
    state = ReplicaState.LOADING;
  }

  void ready(Replica serving, double at) {
    engine = serving;
    readyAt = at;
    state = ReplicaState.READY;
  }

  int load() {
    return engine == null ? 0 : engine.waiting() + engine.running();
  }
}
