package dev.plimsoll.simulator.api;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/v1/fleets/{name}/scale}; the upper bound is {@code simulator.max-replicas}. */
public record ScaleRequest(@NotNull @Min(0) Integer replicas) {}
