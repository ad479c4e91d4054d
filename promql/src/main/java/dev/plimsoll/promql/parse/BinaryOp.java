package dev.plimsoll.promql.parse;

/** Binary operators of the subset with Prometheus' precedence (higher binds tighter). */
public enum BinaryOp {
  OR("or", 1, Kind.SET),
  AND("and", 2, Kind.SET),
  UNLESS("unless", 2, Kind.SET),
  EQL("==", 3, Kind.COMPARISON),
  NEQ("!=", 3, Kind.COMPARISON),
  GTR(">", 3, Kind.COMPARISON),
  LSS("<", 3, Kind.COMPARISON),
  GTE(">=", 3, Kind.COMPARISON),
  LTE("<=", 3, Kind.COMPARISON),
  ADD("+", 4, Kind.ARITHMETIC),
  SUB("-", 4, Kind.ARITHMETIC),
  MUL("*", 5, Kind.ARITHMETIC),
  DIV("/", 5, Kind.ARITHMETIC),
  MOD("%", 5, Kind.ARITHMETIC),
  POW("^", 6, Kind.ARITHMETIC);

  /** Arithmetic computes a value, a comparison filters, a set operator combines series. */
  public enum Kind { ARITHMETIC, COMPARISON, SET }

  private final String symbol;
  private final int precedence;
  private final Kind kind;

  BinaryOp(String symbol, int precedence, Kind kind) {
    this.symbol = symbol;
    this.precedence = precedence;
    this.kind = kind;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isComparison() {
    return kind == Kind.COMPARISON;
  }

  public boolean isSet() {
    return kind == Kind.SET;
  }

  /** Only {@code ^} is right-associative: {@code 2 ^ 3 ^ 2} is {@code 2 ^ 9}. */
  public boolean rightAssociative() {
    return this == POW;
  }
}
