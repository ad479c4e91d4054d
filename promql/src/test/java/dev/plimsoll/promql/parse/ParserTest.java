package dev.plimsoll.promql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.promql.ParseException;
import dev.plimsoll.promql.UnsupportedFeatureException;
import dev.plimsoll.promql.parse.Expr.AggregateExpr;
import dev.plimsoll.promql.parse.Expr.BinaryExpr;
import dev.plimsoll.promql.parse.Expr.MatrixSelector;
import dev.plimsoll.promql.parse.Expr.NumberLiteral;
import dev.plimsoll.promql.parse.Expr.UnaryExpr;
import dev.plimsoll.promql.parse.Expr.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lexer and parser tables: what parses to what, and where invalid input is reported. */
class ParserTest {

  /** A compact rendering of the AST, so table rows stay readable. */
  static String show(Expr e) {
    return switch (e) {
      case NumberLiteral n -> Double.toString(n.value());
      case Expr.StringLiteral s -> '"' + s.value() + '"';
      case VectorSelector v -> v.matchers().toString();
      case MatrixSelector m -> show(m.selector()) + "[" + m.rangeMillis() + "ms]";
      case Expr.ParenExpr p -> "(" + show(p.inner()) + ")";
      case UnaryExpr u -> (u.negate() ? "-" : "+") + show(u.operand());
      case BinaryExpr b -> "(" + show(b.lhs()) + " " + b.op().symbol() + " " + show(b.rhs()) + ")";
      case AggregateExpr a -> a.op().keyword() + (a.without() ? " without" : " by") + a.grouping() + "(" + show(a.operand()) + ")";
      case Expr.Call c -> c.function().promName() + c.args().stream().map(ParserTest::show).toList();
    };
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
      # query                                 | AST
      1 + 2 * 3                               | (1.0 + (2.0 * 3.0))
      2 ^ 3 ^ 2                               | (2.0 ^ (3.0 ^ 2.0))
      -2 ^ 2                                  | -(2.0 ^ 2.0)
      - - - 1                                 | -1.0
      -2^---1*3                               | (-(2.0 ^ -1.0) * 3.0)
      a or b and c                            | ([__name__="a"] or ([__name__="b"] and [__name__="c"]))
      a > 1 + 2                               | ([__name__="a"] > (1.0 + 2.0))
      .5e1                                    | 5.0
      0x1F                                    | 31.0
      inF                                     | Infinity
      -Inf                                    | -Infinity
      foo{a="b", c!~'d', e=~`f`,}             | [__name__="foo", a="b", c!~"d", e=~"f"]
      {"utf8.name", "a b"="c"}                | [__name__="utf8.name", a b="c"]
      rate(x[1h30m])                          | rate[[__name__="x"][5400000ms]]
      count_over_time(x[10])                  | count_over_time[[__name__="x"][10000ms]]
      sum by (job) (x)                        | sum by[job]([__name__="x"])
      SUM(x) BY (job, group,)                 | sum by[job, group]([__name__="x"])
      avg without (instance) (x)              | avg without[instance]([__name__="x"])
      histogram_quantile(0.9, rate(x[5m]))    | histogram_quantile[0.9, rate[[__name__="x"][300000ms]]]
      quantile_over_time(0.5, x[10s53ms])     | quantile_over_time[0.5, [__name__="x"][10053ms]]
      x # a comment                           | [__name__="x"]
      """)
  void parses(String query, String ast) {
    assertEquals(ast, show(Parser.parse(query)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
      # query                     | position | message contains
      1 +                         | 3        | unexpected end of input
      foo{a="b"                   | 9        | expected
      foo{a=b}                    | 6        | expected string
      {}                          | 0        | at least one non-empty matcher
      {a=~".*"}                   | 0        | at least one non-empty matcher
      foo{__name__="bar"}         | 3        | metric name must not be set twice
      rate(x)                     | 5        | expected type range vector in call to function "rate", got instant vector
      sum(x[5m])                  | 4        | expected type instant vector in aggregation expression, got range vector
      1 > 2                       | 2        | comparisons between scalars must use BOOL modifier
      x[5m] + 1                   | 6        | binary expression must contain only scalar and instant vector types
      1 and x                     | 0        | set operator "and" not allowed in binary scalar expression
      nope(x)                     | 0        | unknown function with name "nope"
      x{a=~"("}                   | 5        | invalid regular expression
      (1)[5m]                     | 3        | ranges only allowed for vector selectors
      rate(x[5m], 1)              | 0        | expected 1 argument(s)
      "unterminated               | 0        | unterminated quoted string
      1d5                         | 0        | bad number or duration syntax
      x[1d5]                      | 2        | bad number or duration syntax
      1e999                       | 0        | error parsing number
      §§                          | 0        | no expression found
      """)
  void rejectsWithPosition(String query, int position, String message) {
    var e = assertThrows(ParseException.class, () -> Parser.parse(query));
    assertEquals(position, e.position(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains(": parse error: "), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
      # query                             | feature
      x offset 5m                         | offset modifier
      x @ 100                             | @ modifier
      a + on(job) b                       | on(...) vector matching
      a / ignoring(job) b                 | ignoring(...) vector matching
      a * on(job) group_left(x) b         | on(...) vector matching
      a == bool b                         | bool modifier
      rate(x[5m:1m])                      | subquery
      topk(3, x)                          | aggregation "topk"
      stddev(x)                           | aggregation "stddev"
      abs(x)                              | function "abs"
      a atan2 b                           | binary operator "atan2"
      x - 1h                              | duration literal used as a number
      """)
  void outsideTheSubsetIsUnsupportedNotInvalid(String query, String feature) {
    var e = assertThrows(UnsupportedFeatureException.class, () -> Parser.parse(query));
    assertEquals(feature, e.feature());
  }

  @Test
  void lexerReportsPositionsAndKinds() {
    List<Token> tokens = Lexer.tokenize("rate(x[5m]) >= 0.5");
    assertEquals(List.of(Token.Kind.IDENTIFIER, Token.Kind.LEFT_PAREN, Token.Kind.IDENTIFIER, Token.Kind.LEFT_BRACKET,
        Token.Kind.DURATION, Token.Kind.RIGHT_BRACKET, Token.Kind.RIGHT_PAREN, Token.Kind.GTE, Token.Kind.NUMBER, Token.Kind.EOF),
        tokens.stream().map(Token::kind).toList());
    assertEquals(12, tokens.get(7).position());
  }

  @Test
  void stringEscapesFollowGo() {
    var s = (Expr.StringLiteral) Parser.parse("\"a\\tb\\x41\\u00e9\\\"\"");
    assertEquals("a\tbAé\"", s.value());
    assertInstanceOf(Expr.StringLiteral.class, Parser.parse("`raw\\n`"));
    assertEquals("raw\\n", ((Expr.StringLiteral) Parser.parse("`raw\\n`")).value());
  }

  @Test
  void nestingIsBounded() {
    String deep = "(".repeat(10_000) + "1" + ")".repeat(10_000);
    var e = assertThrows(ParseException.class, () -> Parser.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    String unary = "-".repeat(10_000) + "1";
    assertThrows(ParseException.class, () -> Parser.parse(unary));
    assertInstanceOf(Expr.ParenExpr.class, Parser.parse("(".repeat(100) + "1" + ")".repeat(100)));
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource(delimiter = '|', textBlock = """
      0       | 0
      5m      | 300000
      1h30m   | 5400000
      10s53ms | 10053
      1y      | 31536000000
      2w1d    | 1296000000
      1m1h    | -1
      5       | -1
      ms      | -1
      """)
  void durations(String text, long millis) {
    assertEquals(millis, Durations.parseMillis(text));
  }
}
