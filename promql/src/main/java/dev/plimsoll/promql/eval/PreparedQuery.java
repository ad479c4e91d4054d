package dev.plimsoll.promql.eval;

import dev.plimsoll.promql.parse.Expr;

/**
 * A parsed query, to evaluate many times (e.g. an autoscaling signal every 15 s) without parsing again.
 *
 * @param text the query as written; annotations point into it
 * @param expr its AST
 */
public record PreparedQuery(String text, Expr expr) {}
