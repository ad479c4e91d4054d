package dev.plimsoll.backtest;

/** Decides the replica count from what it last observed; the backtest asks it every {@link #intervalSeconds()}. */
public interface Autoscaler {
  String name();

  /** How often it decides (the HPA's sync period, KEDA's polling interval, the scaler's snapshot interval). */
  double intervalSeconds();

  /** The count it wants now, from the newest observation it has (already one scrape old). */
  int desired(Observation seen, int current, int ready, double now);

  /** A scale it asked for was made. */
  default void scaled(int from, int to, double at) {}
}
