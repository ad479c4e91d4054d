package dev.plimsoll.simulator.sim;

/** The fleet has no replica with this id (404); removed replicas are unknown too. */
public class UnknownReplicaException extends RuntimeException {
  public UnknownReplicaException(String fleet, String replica) {
    super("fleet '" + fleet + "' has no replica '" + replica + "'");
  }
}
