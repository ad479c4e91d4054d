package dev.plimsoll.promql.storage;

import dev.plimsoll.promql.PromqlException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a selector ({@code name="v"}, {@code !=}, {@code =~}, {@code !~}). As in
 * Prometheus, an absent label matches as the empty string, and regular expressions are fully anchored.
 * A regex is compiled once, when the matcher is built; matching a series is then one {@code matches()}.
 */
public final class Matcher {
  /** The four matcher operators. */
  public enum Type {
    EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

    private final String symbol;

    Type(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  private final Type type;
  private final String name;
  private final String value;
  private final Pattern pattern;

  private Matcher(Type type, String name, String value, Pattern pattern) {
    this.type = type;
    this.name = name;
    this.value = value;
    this.pattern = pattern;
  }

  /**
   * Builds a matcher.
   *
   * @throws PromqlException when a regex does not compile or uses a construct Go's RE2 rejects
   */
  public static Matcher of(Type type, String name, String value) {
    if (type == null || name == null || value == null) {
      throw new PromqlException("matcher type, name and value must not be null");
    }
    Pattern p = type == Type.REGEX || type == Type.NOT_REGEX ? compileAnchored(value) : null;
    return new Matcher(type, name, value, p);
  }

  public static Matcher equal(String name, String value) {
    return of(Type.EQUAL, name, value);
  }

  public Type type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  /** Whether a label value (empty string for an absent label) satisfies this matcher. */
  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (type) {
      case EQUAL -> v.equals(value);
      case NOT_EQUAL -> !v.equals(value);
      case REGEX -> pattern.matcher(v).matches();
      case NOT_REGEX -> !pattern.matcher(v).matches();
    };
  }

  /** Whether this matcher accepts the empty string, i.e. also series without the label. */
  public boolean matchesEmpty() {
    return matches("");
  }

  @Override
  public String toString() {
    return name + type.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Compiles {@code re} so that it must match the whole value, with {@code .} matching newlines, as
   * Prometheus' {@code ^(?s:re)$}. The bare expression is compiled first: wrapping it in a group could
   * otherwise turn an unbalanced {@code a)(b} into a valid pattern.
   */
  static Pattern compileAnchored(String re) {
    String translated = translateRe2(re);
    try {
      Pattern.compile(translated);
      return Pattern.compile("(?:" + translated + ")", Pattern.DOTALL);
    } catch (PatternSyntaxException | StackOverflowError e) {
      throw new PromqlException("invalid regular expression " + quote(re) + ": " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String quote(String s) {
    return '"' + s + '"';
  }

  /**
   * Rejects Java-only constructs that RE2 (Go) refuses, so a query valid here is valid in Prometheus,
   * and rewrites the two RE2 spellings Java lacks: POSIX classes ({@code [[:alpha:]]}) and
   * {@code (?P<name>...)} groups.
   */
  static String translateRe2(String re) {
    var out = new StringBuilder(re.length() + 8);
    int n = re.length();
    int classDepth = 0;
    for (int i = 0; i < n; i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (i + 1 >= n) {
          throw new PromqlException("invalid regular expression " + quote(re) + ": trailing backslash");
        }
        char e = re.charAt(i + 1);
        if (classDepth == 0 && (e >= '1' && e <= '9' || e == 'k' || e == 'G' || e == 'Z' || e == 'R' || e == 'X'
            || e == 'h' || e == 'H' || e == 'V')) {
          throw new PromqlException("invalid regular expression " + quote(re) + ": invalid escape sequence \\" + e);
        }
        out.append(c).append(e);
        i++;
        continue;
      }
      if (classDepth > 0) {
        if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
          int end = re.indexOf(":]", i + 2);
          if (end > 0) {
            String cls = re.substring(i + 2, end);
            boolean negated = cls.startsWith("^");
            String java = posixClass(negated ? cls.substring(1) : cls);
            if (java == null) {
              throw new PromqlException("invalid regular expression " + quote(re) + ": invalid character class range [:" + cls + ":]");
            }
            out.append(negated ? java.replace("\\p", "\\P").replace("\\w", "\\W") : java);
            i = end + 1;
            continue;
          }
        }
        if (c == '[') {
          // Java treats a nested '[' as a class union; RE2 as a literal.
          out.append("\\[");
          continue;
        }
        if (c == ']') {
          classDepth = 0;
        } else if (c == '&' && i + 1 < n && re.charAt(i + 1) == '&') {
          out.append("\\&");
          continue;
        }
        out.append(c);
        continue;
      }
      if (c == '[') {
        classDepth = 1;
        out.append(c);
        // A ']' right after '[' or '[^' is a literal in both dialects, but Java needs it escaped.
        if (i + 1 < n && re.charAt(i + 1) == '^') {
          out.append('^');
          i++;
        }
        if (i + 1 < n && re.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (c == '(' && i + 2 < n && re.charAt(i + 1) == '?') {
        char k = re.charAt(i + 2);
        if (k == '=' || k == '!' || k == '>' || (k == '<' && i + 3 < n && (re.charAt(i + 3) == '=' || re.charAt(i + 3) == '!'))) {
          throw new PromqlException("invalid regular expression " + quote(re) + ": invalid or unsupported Perl syntax (?" + k);
        }
        if (k == 'P' && i + 3 < n && re.charAt(i + 3) == '<') {
          out.append("(?<");
          i += 3;
          continue;
        }
      }
      if ((c == '+') && i > 0 && isQuantifierEnd(re, i - 1)) {
        throw new PromqlException("invalid regular expression " + quote(re) + ": invalid nested repetition operator");
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isQuantifierEnd(String re, int i) {
    char p = re.charAt(i);
    if (i > 0 && re.charAt(i - 1) == '\\') {
      return false;
    }
    return p == '*' || p == '+' || p == '?' || p == '}';
  }

  private static String posixClass(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "alnum" -> "\\p{Alnum}";
      case "alpha" -> "\\p{Alpha}";
      case "ascii" -> "\\p{ASCII}";
      case "blank" -> "\\p{Blank}";
      case "cntrl" -> "\\p{Cntrl}";
      case "digit" -> "\\p{Digit}";
      case "graph" -> "\\p{Graph}";
      case "lower" -> "\\p{Lower}";
      case "print" -> "\\p{Print}";
      case "punct" -> "\\p{Punct}";
      case "space" -> "\\p{Space}";
      case "upper" -> "\\p{Upper}";
      case "word" -> "\\w";
      case "xdigit" -> "\\p{XDigit}";
      default -> null;
    };
  }
}
