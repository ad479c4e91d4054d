package dev.plimsoll.promql.eval;

/** A query result: a {@link Scalar}, an {@link InstantVector} or a {@link Matrix}. */
public sealed interface Value permits Scalar, InstantVector, Matrix {}
