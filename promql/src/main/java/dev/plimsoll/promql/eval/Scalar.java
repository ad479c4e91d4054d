package dev.plimsoll.promql.eval;

/** A single number at the evaluation time (milliseconds). */
public record Scalar(long timestampMillis, double value) implements Value {}
