package dev.plimsoll.scaler.policy;

/**
 * A workload's policy was created, updated or deleted through the API (a CDI event, fired in-process by
 * {@link PolicyResource}): whatever was remembered under the old policy (the scale-down stabilization history)
 * no longer applies.
 */
public record PolicyChanged(String workload) {}
