package dev.plimsoll.promql.parse;

import dev.plimsoll.promql.storage.Matcher;
import java.util.List;

/**
 * The AST of the subset. Every node knows its static type and the offset of its first character, which
 * annotations and errors point at. Records, so two parses of one text are equal.
 */
public sealed interface Expr {
  ValueType type();

  /** 0-based offset of the node's first character in the query. */
  int position();

  /** A number literal ({@code 1}, {@code .5e3}, {@code Inf}, {@code NaN}); unary minus is folded in. */
  record NumberLiteral(double value, int position) implements Expr {
    public ValueType type() {
      return ValueType.SCALAR;
    }
  }

  /** A string literal; evaluating one as a query result is outside the subset. */
  record StringLiteral(String value, int position) implements Expr {
    public ValueType type() {
      return ValueType.STRING;
    }
  }

  /**
   * {@code name{l="v", ...}}. The matchers include the {@code __name__} matcher for a written name.
   *
   * @param name the metric name written before the braces, or null
   */
  record VectorSelector(String name, List<Matcher> matchers, int position) implements Expr {
    public ValueType type() {
      return ValueType.VECTOR;
    }
  }

  /** {@code selector[range]}; the range is in milliseconds and positive. */
  record MatrixSelector(VectorSelector selector, long rangeMillis, int position) implements Expr {
    public ValueType type() {
      return ValueType.MATRIX;
    }
  }

  /** {@code ( expr )}: kept so positions match Prometheus'. */
  record ParenExpr(Expr inner, int position) implements Expr {
    public ValueType type() {
      return inner.type();
    }
  }

  /** {@code -expr} (negate) or {@code +expr} (identity) on a scalar or instant vector. */
  record UnaryExpr(boolean negate, Expr operand, int position) implements Expr {
    public ValueType type() {
      return operand.type();
    }
  }

  /** {@code lhs op rhs} with default one-to-one (or, for set operators, many-to-many) matching. */
  record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, int position) implements Expr {
    public ValueType type() {
      return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }
  }

  /** {@code op by|without (labels) (expr)}. */
  record AggregateExpr(AggregateOp op, Expr operand, List<String> grouping, boolean without, int position) implements Expr {
    public ValueType type() {
      return ValueType.VECTOR;
    }
  }

  /** A call of a subset function, arguments type-checked. */
  record Call(PromFunction function, List<Expr> args, int position) implements Expr {
    public ValueType type() {
      return function.returnType();
    }
  }
}
