package dev.plimsoll.promql.parse;

import dev.plimsoll.promql.ParseException;
import dev.plimsoll.promql.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into tokens. Numbers and durations share a start, so a digit run is read as a
 * duration ({@code 5m}, {@code 1h30m}) when a unit follows, otherwise as a number ({@code 1e3},
 * {@code 0x1f}, {@code .5}); {@code Inf} and {@code NaN} stay identifiers for the parser to fold.
 */
public final class Lexer {
  private final String query;
  private int pos;

  private Lexer(String query) {
    this.query = query;
  }

  /** All tokens of the query, ending with one {@link Kind#EOF}. */
  public static List<Token> tokenize(String query) {
    return new Lexer(query).run();
  }

  private List<Token> run() {
    var out = new ArrayList<Token>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= query.length()) {
        out.add(new Token(Kind.EOF, "", pos));
        return out;
      }
      out.add(next());
    }
  }

  private void skipSpaceAndComments() {
    while (pos < query.length()) {
      char c = query.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < query.length() && query.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private ParseException error(int at, String reason) {
    return new ParseException(query, at, reason);
  }

  private Token next() {
    int start = pos;
    char c = query.charAt(pos);
    if (isIdentStart(c)) {
      pos++;
      while (pos < query.length() && isIdentPart(query.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.IDENTIFIER, query.substring(start, pos), start);
    }
    if (isDigit(c) || (c == '.' && pos + 1 < query.length() && isDigit(query.charAt(pos + 1)))) {
      return numberOrDuration();
    }
    if (c == '"' || c == '\'' || c == '`') {
      return string(c);
    }
    pos++;
    char n = pos < query.length() ? query.charAt(pos) : '\0';
    switch (c) {
      case '{': return new Token(Kind.LEFT_BRACE, "{", start);
      case '}': return new Token(Kind.RIGHT_BRACE, "}", start);
      case '(': return new Token(Kind.LEFT_PAREN, "(", start);
      case ')': return new Token(Kind.RIGHT_PAREN, ")", start);
      case '[': return new Token(Kind.LEFT_BRACKET, "[", start);
      case ']': return new Token(Kind.RIGHT_BRACKET, "]", start);
      case ',': return new Token(Kind.COMMA, ",", start);
      case ':': return new Token(Kind.COLON, ":", start);
      case '@': return new Token(Kind.AT, "@", start);
      case '+': return new Token(Kind.ADD, "+", start);
      case '-': return new Token(Kind.SUB, "-", start);
      case '*': return new Token(Kind.MUL, "*", start);
      case '/': return new Token(Kind.DIV, "/", start);
      case '%': return new Token(Kind.MOD, "%", start);
      case '^': return new Token(Kind.POW, "^", start);
      case '=':
        if (n == '=') {
          pos++;
          return new Token(Kind.EQL, "==", start);
        }
        if (n == '~') {
          pos++;
          return new Token(Kind.EQL_REGEX, "=~", start);
        }
        return new Token(Kind.ASSIGN, "=", start);
      case '!':
        if (n == '=') {
          pos++;
          return new Token(Kind.NEQ, "!=", start);
        }
        if (n == '~') {
          pos++;
          return new Token(Kind.NEQ_REGEX, "!~", start);
        }
        throw error(start, "unexpected character after '!': " + describeChar(n));
      case '<':
        if (n == '=') {
          pos++;
          return new Token(Kind.LTE, "<=", start);
        }
        return new Token(Kind.LSS, "<", start);
      case '>':
        if (n == '=') {
          pos++;
          return new Token(Kind.GTE, ">=", start);
        }
        return new Token(Kind.GTR, ">", start);
      default:
        throw error(start, "unexpected character: " + describeChar(c));
    }
  }

  private static String describeChar(char c) {
    return c == '\0' ? "end of input" : "'" + c + "'";
  }

  private Token numberOrDuration() {
    int start = pos;
    int end = durationEnd(start);
    if (end > start && (end >= query.length() || !isNumberTail(query.charAt(end)))) {
      pos = end;
      return new Token(Kind.DURATION, query.substring(start, end), start);
    }
    int i = start;
    if (query.charAt(i) == '0' && i + 1 < query.length() && (query.charAt(i + 1) == 'x' || query.charAt(i + 1) == 'X')) {
      i += 2;
      int digits = i;
      while (i < query.length() && Character.digit(query.charAt(i), 16) >= 0) {
        i++;
      }
      if (i == digits) {
        throw error(start, "bad number or duration syntax: \"" + query.substring(start, Math.min(i + 1, query.length())) + "\"");
      }
    } else {
      while (i < query.length() && isDigit(query.charAt(i))) {
        i++;
      }
      if (i < query.length() && query.charAt(i) == '.') {
        i++;
        while (i < query.length() && isDigit(query.charAt(i))) {
          i++;
        }
      }
      if (i < query.length() && (query.charAt(i) == 'e' || query.charAt(i) == 'E')) {
        int e = i + 1;
        if (e < query.length() && (query.charAt(e) == '+' || query.charAt(e) == '-')) {
          e++;
        }
        if (e < query.length() && isDigit(query.charAt(e))) {
          i = e;
          while (i < query.length() && isDigit(query.charAt(i))) {
            i++;
          }
        }
      }
    }
    if (i < query.length() && isNumberTail(query.charAt(i))) {
      int bad = i;
      while (bad < query.length() && isNumberTail(query.charAt(bad))) {
        bad++;
      }
      throw error(start, "bad number or duration syntax: \"" + query.substring(start, bad) + "\"");
    }
    pos = i;
    return new Token(Kind.NUMBER, query.substring(start, i), start);
  }

  /** End of the longest {@code (digits unit)+} run at {@code start}, or {@code start} when none. */
  private int durationEnd(int start) {
    int i = start;
    int lastGood = start;
    while (i < query.length() && isDigit(query.charAt(i))) {
      while (i < query.length() && isDigit(query.charAt(i))) {
        i++;
      }
      if (query.startsWith("ms", i)) {
        i += 2;
      } else if (i < query.length() && "ywdhms".indexOf(query.charAt(i)) >= 0) {
        i++;
      } else {
        return lastGood;
      }
      lastGood = i;
    }
    return lastGood;
  }

  private Token string(char quote) {
    int start = pos;
    pos++;
    var sb = new StringBuilder();
    while (true) {
      if (pos >= query.length()) {
        throw error(start, "unterminated quoted string");
      }
      char c = query.charAt(pos);
      if (c == quote) {
        pos++;
        return new Token(Kind.STRING, sb.toString(), start);
      }
      if (quote == '`') {
        sb.append(c);
        pos++;
        continue;
      }
      if (c == '\n') {
        throw error(start, "unterminated quoted string");
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      int escapeAt = pos;
      pos++;
      if (pos >= query.length()) {
        throw error(start, "unterminated quoted string");
      }
      char e = query.charAt(pos++);
      switch (e) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case '\\' -> sb.append('\\');
        case '"', '\'' -> sb.append(e);
        case 'x' -> sb.append((char) hex(escapeAt, 2));
        case 'u' -> sb.appendCodePoint(codePoint(escapeAt, hex(escapeAt, 4)));
        case 'U' -> sb.appendCodePoint(codePoint(escapeAt, hex(escapeAt, 8)));
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int k = 0; k < 2; k++) {
              if (pos >= query.length() || query.charAt(pos) < '0' || query.charAt(pos) > '7') {
                throw error(escapeAt, "invalid escape sequence in string");
              }
              v = v * 8 + (query.charAt(pos++) - '0');
            }
            if (v > 255) {
              throw error(escapeAt, "invalid escape sequence in string");
            }
            sb.append((char) v);
          } else {
            throw error(escapeAt, "unknown escape sequence '\\" + e + "' in string");
          }
        }
      }
    }
  }

  private int codePoint(int at, long v) {
    if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
      throw error(at, "invalid Unicode code point in escape sequence");
    }
    return (int) v;
  }

  private long hex(int at, int digits) {
    long v = 0;
    for (int k = 0; k < digits; k++) {
      if (pos >= query.length() || Character.digit(query.charAt(pos), 16) < 0) {
        throw error(at, "invalid escape sequence in string");
      }
      v = v * 16 + Character.digit(query.charAt(pos++), 16);
    }
    return v;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == ':';
  }

  private static boolean isNumberTail(char c) {
    return isIdentStart(c) || isDigit(c) || c == '.';
  }
}
