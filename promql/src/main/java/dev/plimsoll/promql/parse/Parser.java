package dev.plimsoll.promql.parse;

import dev.plimsoll.exposition.GoFloat;
import dev.plimsoll.promql.ParseException;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.UnsupportedFeatureException;
import dev.plimsoll.promql.parse.Expr.AggregateExpr;
import dev.plimsoll.promql.parse.Expr.BinaryExpr;
import dev.plimsoll.promql.parse.Expr.Call;
import dev.plimsoll.promql.parse.Expr.MatrixSelector;
import dev.plimsoll.promql.parse.Expr.NumberLiteral;
import dev.plimsoll.promql.parse.Expr.ParenExpr;
import dev.plimsoll.promql.parse.Expr.StringLiteral;
import dev.plimsoll.promql.parse.Expr.UnaryExpr;
import dev.plimsoll.promql.parse.Expr.VectorSelector;
import dev.plimsoll.promql.parse.Token.Kind;
import dev.plimsoll.promql.storage.Matcher;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent (Pratt) parser for the subset. Binary precedence, lowest first: {@code or};
 * {@code and unless}; comparisons; {@code + -}; {@code * / %}; {@code ^} (right-associative). Unary
 * {@code -}/{@code +} binds tighter than {@code *} but looser than {@code ^}, so {@code -2^2} is -4.
 * Types are checked as Prometheus' {@code checkAST} does. Valid PromQL outside the subset raises
 * {@link UnsupportedFeatureException}; anything else invalid a {@link ParseException} with a position.
 */
public final class Parser {
  /** Deepest nesting accepted; deeper input is rejected rather than risking the stack. */
  public static final int MAX_DEPTH = 256;

  private static final Set<String> UNSUPPORTED_AGGREGATIONS =
      Set.of("stddev", "stdvar", "topk", "bottomk", "count_values", "quantile", "group", "limitk", "limit_ratio");
  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "atan2");

  private final String query;
  private final List<Token> tokens;
  private int index;
  private int depth;

  private Parser(String query) {
    this.query = query;
    this.tokens = Lexer.tokenize(query);
  }

  /**
   * Parses a query.
   *
   * @throws ParseException for invalid input, with the offending position
   * @throws UnsupportedFeatureException for valid PromQL outside the subset
   */
  public static Expr parse(String query) {
    if (query == null) {
      throw new ParseException("", 0, "no expression found in input");
    }
    try {
      var p = new Parser(query);
      if (p.peek().kind() == Kind.EOF) {
        throw p.error(p.peek(), "no expression found in input");
      }
      Expr e = p.expression(0);
      if (p.peek().kind() != Kind.EOF) {
        throw p.unexpected(p.peek(), "");
      }
      return e;
    } catch (PromqlException e) {
      throw e;
    } catch (StackOverflowError | RuntimeException e) {
      throw new ParseException(query, 0, "internal parser error: " + e);
    }
  }

  // ---- token helpers

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token advance() {
    Token t = tokens.get(index);
    if (index < tokens.size() - 1) {
      index++;
    }
    return t;
  }

  private Token expect(Kind kind, String context) {
    Token t = peek();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
    return advance();
  }

  private ParseException error(Token t, String reason) {
    return new ParseException(query, t.position(), reason);
  }

  private ParseException unexpected(Token t, String context) {
    return error(t, "unexpected " + t.describe() + (context.isEmpty() ? "" : " " + context));
  }

  private UnsupportedFeatureException unsupported(Token t, String feature) {
    return new UnsupportedFeatureException(query, t.position(), feature);
  }

  private static boolean isKeyword(Token t, String word) {
    return t.kind() == Kind.IDENTIFIER && t.text().equalsIgnoreCase(word);
  }

  private void enter(Token at) {
    if (++depth > MAX_DEPTH) {
      throw error(at, "expression nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  // ---- expressions

  private Expr expression(int minPrecedence) {
    enter(peek());
    try {
      Expr lhs = unary();
      while (true) {
        Token opToken = peek();
        BinaryOp op = binaryOp(opToken);
        if (op == null || op.precedence() < minPrecedence) {
          return lhs;
        }
        advance();
        modifiers();
        Expr rhs = expression(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
        lhs = binary(op, lhs, rhs, opToken);
      }
    } finally {
      depth--;
    }
  }

  private BinaryOp binaryOp(Token t) {
    return switch (t.kind()) {
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      case POW -> BinaryOp.POW;
      case EQL -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case GTR -> BinaryOp.GTR;
      case LSS -> BinaryOp.LSS;
      case GTE -> BinaryOp.GTE;
      case LTE -> BinaryOp.LTE;
      case IDENTIFIER -> switch (t.text().toLowerCase(Locale.ROOT)) {
        case "and" -> BinaryOp.AND;
        case "or" -> BinaryOp.OR;
        case "unless" -> BinaryOp.UNLESS;
        case "atan2" -> throw unsupported(t, "binary operator \"atan2\"");
        default -> null;
      };
      default -> null;
    };
  }

  /** Binary-operator modifiers are all outside the subset. */
  private void modifiers() {
    Token t = peek();
    if (t.kind() != Kind.IDENTIFIER) {
      return;
    }
    String word = t.text().toLowerCase(Locale.ROOT);
    switch (word) {
      case "bool" -> throw unsupported(t, "bool modifier");
      case "on", "ignoring" -> throw unsupported(t, word + "(...) vector matching");
      case "group_left", "group_right" -> throw unsupported(t, word + " vector matching");
      case "fill", "fill_left", "fill_right" -> {
        if (peekAt(1).kind() == Kind.LEFT_PAREN) {
          throw unsupported(t, word + " modifier");
        }
      }
      default -> {
      }
    }
  }

  private Expr binary(BinaryOp op, Expr lhs, Expr rhs, Token opToken) {
    ValueType lt = lhs.type();
    ValueType rt = rhs.type();
    if (op.isComparison() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
      throw error(opToken, "comparisons between scalars must use BOOL modifier");
    }
    if ((lt != ValueType.SCALAR && lt != ValueType.VECTOR) || (rt != ValueType.SCALAR && rt != ValueType.VECTOR)) {
      throw error(opToken, "binary expression must contain only scalar and instant vector types");
    }
    if (op.isSet() && (lt == ValueType.SCALAR || rt == ValueType.SCALAR)) {
      throw new ParseException(query, lhs.position(), "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
    }
    return new BinaryExpr(op, lhs, rhs, lhs.position());
  }

  private Expr unary() {
    Token t = peek();
    if (t.kind() == Kind.ADD || t.kind() == Kind.SUB) {
      advance();
      enter(t);
      try {
        // The operand takes only '^' (and tighter) with it, as Prometheus' "unary_op expr %prec MUL".
        Expr operand = expression(BinaryOp.POW.precedence());
        boolean negate = t.kind() == Kind.SUB;
        if (operand instanceof NumberLiteral n) {
          return new NumberLiteral(negate ? -n.value() : n.value(), t.position());
        }
        if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
          throw error(t, "unary expression only allowed on expressions of type scalar or instant vector, got \""
              + operand.type().documented() + "\"");
        }
        return new UnaryExpr(negate, operand, t.position());
      } finally {
        depth--;
      }
    }
    return postfix(primary());
  }

  private Expr postfix(Expr e) {
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.LEFT_BRACKET) {
        e = rangeOrSubquery(e);
      } else if (isKeyword(t, "offset")) {
        throw unsupported(t, "offset modifier");
      } else if (t.kind() == Kind.AT) {
        throw unsupported(t, "@ modifier");
      } else if (e instanceof MatrixSelector && (isKeyword(t, "anchored") || isKeyword(t, "smoothed"))) {
        throw unsupported(t, t.text() + " range modifier");
      } else {
        return e;
      }
    }
  }

  private Expr rangeOrSubquery(Expr e) {
    Token open = advance();
    Token first = peek();
    long range = rangeDuration(first);
    if (peek().kind() == Kind.COLON) {
      throw unsupported(open, "subquery");
    }
    if (peek().kind() != Kind.RIGHT_BRACKET) {
      if (binaryOp(peek()) != null || peek().kind() == Kind.LEFT_PAREN) {
        throw unsupported(peek(), "duration expression");
      }
      throw unexpected(peek(), "in range selector, expected \"]\"");
    }
    advance();
    if (!(e instanceof VectorSelector vs)) {
      if (e instanceof MatrixSelector) {
        throw error(open, "no offset or range selector allowed after a range selector");
      }
      throw error(open, "ranges only allowed for vector selectors");
    }
    if (range <= 0) {
      throw error(first, "range must be greater than 0");
    }
    return new MatrixSelector(vs, range, vs.position());
  }

  private long rangeDuration(Token t) {
    switch (t.kind()) {
      case DURATION -> {
        advance();
        long ms = Durations.parseMillis(t.text());
        if (ms < 0) {
          throw error(t, "invalid duration \"" + t.text() + "\"");
        }
        return ms;
      }
      case NUMBER -> {
        // A plain number in a range is seconds, as in Prometheus 3.
        advance();
        double seconds = number(t);
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds > Long.MAX_VALUE / 1_000_000_000.0) {
          throw error(t, "invalid duration \"" + t.text() + "\"");
        }
        return Math.round(seconds * 1000);
      }
      case COLON -> throw unsupported(t, "subquery");
      case SUB, ADD, LEFT_PAREN, IDENTIFIER -> throw unsupported(t, "duration expression");
      default -> throw unexpected(t, "in range selector, expected a duration");
    }
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        advance();
        return new NumberLiteral(number(t), t.position());
      }
      case DURATION -> throw unsupported(t, "duration literal used as a number");
      case STRING -> {
        advance();
        return new StringLiteral(t.text(), t.position());
      }
      case LEFT_PAREN -> {
        advance();
        Expr inner = expression(0);
        expect(Kind.RIGHT_PAREN, "in parenthesised expression, expected \")\"");
        return new ParenExpr(inner, t.position());
      }
      case LEFT_BRACE -> {
        return selector(null, t);
      }
      case IDENTIFIER -> {
        return identifier(t);
      }
      case EOF -> throw error(t, "unexpected end of input");
      default -> throw unexpected(t, "");
    }
  }

  private double number(Token t) {
    String s = t.text();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return new BigInteger(s.substring(2), 16).doubleValue();
      }
      if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(Character::isDigit)) {
        // Go's ParseInt(s, 0, 64) reads a leading zero as octal.
        try {
          return new BigInteger(s.substring(1), 8).doubleValue();
        } catch (NumberFormatException e) {
          return GoFloat.parse(s);
        }
      }
      return GoFloat.parse(s);
    } catch (NumberFormatException e) {
      throw error(t, "error parsing number \"" + s + "\": " + e.getMessage());
    }
  }

  private Expr identifier(Token t) {
    String text = t.text();
    String lower = text.toLowerCase(Locale.ROOT);
    Token next = peekAt(1);
    if (lower.equals("inf") || lower.equals("nan")) {
      advance();
      return new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN, t.position());
    }
    boolean aggregationFollows = next.kind() == Kind.LEFT_PAREN || isKeyword(next, "by") || isKeyword(next, "without");
    if (aggregationFollows) {
      for (AggregateOp op : AggregateOp.values()) {
        if (op.keyword().equals(lower)) {
          return aggregation(op, t);
        }
      }
      if (UNSUPPORTED_AGGREGATIONS.contains(lower)) {
        throw unsupported(t, "aggregation \"" + lower + "\"");
      }
    }
    if (next.kind() == Kind.LEFT_PAREN) {
      return call(t);
    }
    if (KEYWORDS.contains(lower) || UNSUPPORTED_AGGREGATIONS.contains(lower) || isAggregation(lower)) {
      throw unexpected(t, "");
    }
    advance();
    return selector(text, next);
  }

  private static boolean isAggregation(String lower) {
    for (AggregateOp op : AggregateOp.values()) {
      if (op.keyword().equals(lower)) {
        return true;
      }
    }
    return false;
  }

  private Expr aggregation(AggregateOp op, Token opToken) {
    advance();
    List<String> grouping = List.of();
    boolean without = false;
    boolean groupingSeen = false;
    if (isKeyword(peek(), "by") || isKeyword(peek(), "without")) {
      without = isKeyword(advance(), "without");
      grouping = groupingLabels();
      groupingSeen = true;
    }
    Token open = expect(Kind.LEFT_PAREN, "in aggregation, expected \"(\"");
    List<Expr> args = arguments(open);
    if (!groupingSeen && (isKeyword(peek(), "by") || isKeyword(peek(), "without"))) {
      without = isKeyword(advance(), "without");
      grouping = groupingLabels();
    }
    if (args.size() != 1) {
      throw error(opToken, "wrong number of arguments for aggregate expression provided, expected 1, got " + args.size());
    }
    Expr operand = args.get(0);
    if (operand.type() != ValueType.VECTOR) {
      throw new ParseException(query, operand.position(),
          "expected type instant vector in aggregation expression, got " + operand.type().documented());
    }
    return new AggregateExpr(op, operand, grouping, without, opToken.position());
  }

  private List<String> groupingLabels() {
    expect(Kind.LEFT_PAREN, "in grouping opts, expected \"(\"");
    var labels = new ArrayList<String>();
    while (peek().kind() != Kind.RIGHT_PAREN) {
      Token t = advance();
      if (t.kind() == Kind.IDENTIFIER) {
        if (t.text().indexOf(':') >= 0) {
          throw error(t, "invalid label name \"" + t.text() + "\" in grouping opts");
        }
        labels.add(t.text());
      } else if (t.kind() == Kind.STRING) {
        labels.add(t.text());
      } else {
        throw unexpected(t, "in grouping opts, expected label");
      }
      if (peek().kind() == Kind.COMMA) {
        advance();
      } else if (peek().kind() != Kind.RIGHT_PAREN) {
        throw unexpected(peek(), "in grouping opts, expected \",\" or \")\"");
      }
    }
    advance();
    return List.copyOf(labels);
  }

  private List<Expr> arguments(Token open) {
    var args = new ArrayList<Expr>();
    if (peek().kind() == Kind.RIGHT_PAREN) {
      advance();
      return args;
    }
    while (true) {
      args.add(expression(0));
      Token t = advance();
      if (t.kind() == Kind.RIGHT_PAREN) {
        return args;
      }
      if (t.kind() != Kind.COMMA) {
        throw unexpected(t, "in argument list, expected \",\" or \")\"");
      }
      if (peek().kind() == Kind.RIGHT_PAREN) {
        advance();
        return args;
      }
    }
  }

  private Expr call(Token nameToken) {
    String name = nameToken.text();
    PromFunction f = PromFunction.byName(name);
    if (f == null) {
      if (PromFunction.OTHER_PROMETHEUS_FUNCTIONS.contains(name)) {
        throw unsupported(nameToken, "function \"" + name + "\"");
      }
      throw error(nameToken, "unknown function with name \"" + name + "\"");
    }
    advance();
    Token open = expect(Kind.LEFT_PAREN, "");
    List<Expr> args = arguments(open);
    List<ValueType> types = f.argTypes();
    if (args.size() != types.size()) {
      throw error(nameToken, "expected " + types.size() + " argument(s) in call to \"" + name + "\", got " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      if (a.type() != types.get(i)) {
        if (a.type() == ValueType.MATRIX && types.get(i) == ValueType.VECTOR) {
          throw new ParseException(query, a.position(), "expected type " + types.get(i).documented() + " in call to function \""
              + name + "\", got " + a.type().documented());
        }
        throw new ParseException(query, a.position(), "expected type " + types.get(i).documented() + " in call to function \""
            + name + "\", got " + a.type().documented());
      }
    }
    return new Call(f, List.copyOf(args), nameToken.position());
  }

  // ---- selectors

  private VectorSelector selector(String name, Token at) {
    int position = name == null ? at.position() : tokens.get(index - 1).position();
    var matchers = new ArrayList<Matcher>();
    String quotedName = null;
    if (peek().kind() == Kind.LEFT_BRACE) {
      advance();
      while (peek().kind() != Kind.RIGHT_BRACE) {
        Token label = advance();
        if (label.kind() != Kind.IDENTIFIER && label.kind() != Kind.STRING) {
          throw unexpected(label, "in label matching, expected label");
        }
        Token op = peek();
        Matcher.Type type = switch (op.kind()) {
          case ASSIGN -> Matcher.Type.EQUAL;
          case NEQ -> Matcher.Type.NOT_EQUAL;
          case EQL_REGEX -> Matcher.Type.REGEX;
          case NEQ_REGEX -> Matcher.Type.NOT_REGEX;
          default -> null;
        };
        if (type == null) {
          if (label.kind() == Kind.STRING && (op.kind() == Kind.COMMA || op.kind() == Kind.RIGHT_BRACE)) {
            // {"metric.name", ...}: a lone quoted string is the metric name.
            if (quotedName != null || name != null) {
              throw error(label, "metric name must not be set twice: \"" + (name != null ? name : quotedName) + "\" or \"" + label.text() + "\"");
            }
            quotedName = label.text();
            matchers.add(0, Matcher.equal("__name__", quotedName));
            if (op.kind() == Kind.COMMA) {
              advance();
            }
            continue;
          }
          throw unexpected(op, "in label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"");
        }
        advance();
        Token value = peek();
        if (value.kind() != Kind.STRING) {
          throw unexpected(value, "in label matching, expected string");
        }
        advance();
        if (label.kind() == Kind.IDENTIFIER && label.text().indexOf(':') >= 0) {
          throw error(label, "invalid label name \"" + label.text() + "\"");
        }
        try {
          matchers.add(Matcher.of(type, label.text(), value.text()));
        } catch (PromqlException e) {
          throw error(value, e.getMessage());
        }
        if (peek().kind() == Kind.COMMA) {
          advance();
        } else if (peek().kind() != Kind.RIGHT_BRACE) {
          throw unexpected(peek(), "in label matching, expected \",\" or \"}\"");
        }
      }
      advance();
    }
    if (name != null) {
      for (Matcher m : matchers) {
        if (m.name().equals("__name__")) {
          throw error(at, "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
        }
      }
      matchers.add(0, Matcher.equal("__name__", name));
    } else {
      boolean nonEmpty = false;
      for (Matcher m : matchers) {
        if (!m.matchesEmpty()) {
          nonEmpty = true;
          break;
        }
      }
      if (!nonEmpty) {
        throw new ParseException(query, position, "vector selector must contain at least one non-empty matcher");
      }
    }
    return new VectorSelector(name != null ? name : quotedName, List.copyOf(matchers), position);
  }
}
