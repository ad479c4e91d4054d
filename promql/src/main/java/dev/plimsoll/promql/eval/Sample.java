package dev.plimsoll.promql.eval;

import dev.plimsoll.exposition.Labels;

/** One element of an instant vector: a series' labels and its value at the evaluation time. */
public record Sample(Labels labels, double value) {}
