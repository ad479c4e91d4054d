package dev.plimsoll.simulator.sim;

import dev.plimsoll.fleet.ReplicaState;

/** The replica exists but serves no metrics yet, like a vLLM pod whose server has not started (503). */
public class ReplicaNotReadyException extends RuntimeException {

  private final ReplicaState state;

  public ReplicaNotReadyException(String replica, ReplicaState state) {
    super(state == ReplicaState.PENDING
        ? "replica " + replica + " is waiting for free GPUs"
        : "replica " + replica + " is loading its model");
    this.state = state;
  }

  public ReplicaState state() {
    return state;
  }
}
