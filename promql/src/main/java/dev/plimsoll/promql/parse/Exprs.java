package dev.plimsoll.promql.parse;

/** Facts about a parsed expression that callers need without evaluating it. */
public final class Exprs {
  private Exprs() {}

  /**
   * The longest range selector in the expression ({@code rate(x[5m])} gives 5 minutes), 0 when it has
   * none: how much history a store must keep for the expression to see all it asks for.
   */
  public static long longestRangeMillis(Expr expr) {
    return switch (expr) {
      case Expr.NumberLiteral n -> 0;
      case Expr.StringLiteral s -> 0;
      case Expr.VectorSelector v -> 0;
      case Expr.MatrixSelector m -> m.rangeMillis();
      case Expr.ParenExpr p -> longestRangeMillis(p.inner());
      case Expr.UnaryExpr u -> longestRangeMillis(u.operand());
      case Expr.BinaryExpr b -> Math.max(longestRangeMillis(b.lhs()), longestRangeMillis(b.rhs()));
      case Expr.AggregateExpr a -> longestRangeMillis(a.operand());
      case Expr.Call c -> c.args().stream().mapToLong(Exprs::longestRangeMillis).max().orElse(0);
    };
  }
}
