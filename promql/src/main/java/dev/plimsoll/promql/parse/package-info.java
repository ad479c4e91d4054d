/**
 * Query text to AST: {@link dev.plimsoll.promql.parse.Lexer}, the Pratt
 * {@link dev.plimsoll.promql.parse.Parser} and the sealed {@link dev.plimsoll.promql.parse.Expr} nodes,
 * type-checked like Prometheus' parser. Valid PromQL outside the subset raises
 * {@link dev.plimsoll.promql.UnsupportedFeatureException}.
 */
package dev.plimsoll.promql.parse;
