package dev.plimsoll.collector.window;

/** One sample of a series: when it was taken (milliseconds since the epoch) and its value. */
public record Point(long timestampMillis, double value) {}
