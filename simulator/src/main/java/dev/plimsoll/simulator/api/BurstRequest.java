package dev.plimsoll.simulator.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/v1/fleets/{name}/burst}: how many requests to submit at once, and their size.
 *
 * @param requests 1..100,000
 * @param promptTokens prompt tokens per request (default 1,000)
 * @param outputTokens generated tokens per request (default 200)
 */
public record BurstRequest(@NotNull @Min(1) @Max(100_000) Integer requests, @Min(0) @Max(200_000) Integer promptTokens,
    @Min(0) @Max(200_000) Integer outputTokens) {}
