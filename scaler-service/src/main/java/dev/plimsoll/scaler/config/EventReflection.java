package dev.plimsoll.scaler.config;

import dev.plimsoll.events.MetricSnapshot;
import dev.plimsoll.events.ScalingDecision;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Event records serialised with Jackson outside REST (needed in a native image). */
@RegisterForReflection(targets = {MetricSnapshot.class, MetricSnapshot.Signal.class, ScalingDecision.class})
public final class EventReflection {
  private EventReflection() {}
}
