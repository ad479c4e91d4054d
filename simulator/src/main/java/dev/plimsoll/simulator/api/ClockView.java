package dev.plimsoll.simulator.api;

import java.time.Instant;

/**
 * The simulated clock.
 *
 * @param traceRequestsReleased requests released so far, over every loop of the trace
 * @param traceRequests         requests in one pass of the trace
 */
public record ClockView(Instant simulatedTime, double speedup, long traceRequestsReleased, int traceRequests) {}
