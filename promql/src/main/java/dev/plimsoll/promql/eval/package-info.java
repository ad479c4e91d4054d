/**
 * Evaluation with Prometheus' semantics: {@link dev.plimsoll.promql.eval.Engine} runs instant and range
 * queries over a {@link dev.plimsoll.promql.storage.Queryable} and returns a
 * {@link dev.plimsoll.promql.eval.QueryResult} (value plus Prometheus-style annotations).
 */
package dev.plimsoll.promql.eval;
