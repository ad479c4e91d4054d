package dev.plimsoll.promql.parse;

/**
 * One lexical token.
 *
 * @param kind what it is
 * @param text the token's text; for strings the unquoted value
 * @param position 0-based offset of its first character
 */
public record Token(Kind kind, String text, int position) {
  /** Token kinds; keywords are {@link #IDENTIFIER}s the parser recognises by context. */
  public enum Kind {
    IDENTIFIER, NUMBER, DURATION, STRING,
    LEFT_BRACE, RIGHT_BRACE, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON, AT,
    ASSIGN, EQL, NEQ, EQL_REGEX, NEQ_REGEX, LSS, LTE, GTR, GTE, ADD, SUB, MUL, DIV, MOD, POW,
    EOF
  }

  /** A readable description for error messages, in the spirit of Prometheus' {@code unexpected <op:+>}. */
  public String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case IDENTIFIER -> "identifier \"" + text + "\"";
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      case STRING -> "string";
      default -> "\"" + text + "\"";
    };
  }
}
