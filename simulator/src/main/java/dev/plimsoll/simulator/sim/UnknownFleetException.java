package dev.plimsoll.simulator.sim;

/** No simulated fleet has this name (404). */
public class UnknownFleetException extends RuntimeException {
  public UnknownFleetException(String fleet) {
    super("no simulated fleet is named '" + fleet + "'");
  }
}
