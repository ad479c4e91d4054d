package dev.plimsoll.promql.storage;

import java.util.List;

/** What the evaluator reads from: series matching all matchers, with their samples in {@code [minT, maxT]}. */
@FunctionalInterface
public interface Queryable {
  List<SeriesSamples> select(List<Matcher> matchers, long minT, long maxT);
}
