package dev.plimsoll.promql.test;

import dev.plimsoll.exposition.GoFloat;
import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.ParseException;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.parse.Lexer;
import dev.plimsoll.promql.parse.Token;
import dev.plimsoll.promql.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A promqltest series line, {@code metric{l="v"} 1 2+3x4 _ stale}: labels and the expanded values.
 *
 * @param labels the series (empty label values dropped, as storage does)
 * @param values one entry per step
 * @param hasHistogram whether any item was a native histogram ({@code {{...}}}), which this runner does
 *     not model
 */
record SeriesDescription(Labels labels, List<Item> values, boolean hasHistogram) {

  /** One step of a sequence. */
  sealed interface Item {}

  /** No sample at this step ({@code _}). */
  record Omitted() implements Item {}

  /** A float sample; staleness markers are a float with {@code StaleNaN}'s bits. */
  record FloatValue(double value) implements Item {}

  /** A native-histogram sample, kept only as text. */
  record HistogramValue(String text) implements Item {}

  static SeriesDescription parse(String line) {
    String s = line.trim();
    int metricEnd = metricEnd(s);
    Labels labels = parseLabels(s.substring(0, metricEnd));
    String rest = s.substring(metricEnd).trim();
    var values = new ArrayList<Item>();
    boolean histogram = false;
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int j = i;
      if (rest.startsWith("{{", i)) {
        // A histogram item may contain spaces: read to the matching "}}" and any "x4" / "+{{..}}x4" tail.
        j = skipHistogram(rest, i);
        while (j < rest.length() && rest.charAt(j) != ' ' && rest.charAt(j) != '\t') {
          if (rest.startsWith("{{", j)) {
            j = skipHistogram(rest, j);
          } else {
            j++;
          }
        }
        values.add(new HistogramValue(rest.substring(i, j)));
        histogram = true;
        i = j;
        continue;
      }
      while (j < rest.length() && rest.charAt(j) != ' ' && rest.charAt(j) != '\t') {
        j++;
      }
      expand(rest.substring(i, j), values);
      i = j;
    }
    return new SeriesDescription(labels, values, histogram);
  }

  private static int skipHistogram(String s, int from) {
    int end = s.indexOf("}}", from + 2);
    if (end < 0) {
      throw new PromqlException("unterminated histogram in series description: " + s);
    }
    return end + 2;
  }

  private static void expand(String item, List<Item> out) {
    if (item.equals("_")) {
      out.add(new Omitted());
      return;
    }
    if (item.equals("stale")) {
      out.add(new FloatValue(dev.plimsoll.promql.storage.StaleNaN.VALUE));
      return;
    }
    int x = item.lastIndexOf('x');
    if (x > 0 && x < item.length() - 1 && item.substring(x + 1).chars().allMatch(Character::isDigit)) {
      long times = Long.parseLong(item.substring(x + 1));
      String head = item.substring(0, x);
      if (times > 1_000_000) {
        throw new PromqlException("repetition too large: " + item);
      }
      if (head.equals("_")) {
        for (long k = 0; k < times; k++) {
          out.add(new Omitted());
        }
        return;
      }
      if (head.equals("stale")) {
        for (long k = 0; k <= times; k++) {
          out.add(new FloatValue(dev.plimsoll.promql.storage.StaleNaN.VALUE));
        }
        return;
      }
      int op = operatorIndex(head);
      if (op < 0) {
        double v = number(head);
        for (long k = 0; k <= times; k++) {
          out.add(new FloatValue(v));
        }
        return;
      }
      double base = number(head.substring(0, op));
      double step = number(head.substring(op + 1));
      if (head.charAt(op) == '-') {
        step = -step;
      }
      double cur = base;
      for (long k = 0; k <= times; k++) {
        out.add(new FloatValue(cur));
        cur += step;
      }
      return;
    }
    out.add(new FloatValue(number(item)));
  }

  /** The '+' or '-' between start and increment, not a leading sign or an exponent sign. */
  private static int operatorIndex(String head) {
    for (int k = 1; k < head.length(); k++) {
      char c = head.charAt(k);
      if ((c == '+' || c == '-') && head.charAt(k - 1) != 'e' && head.charAt(k - 1) != 'E') {
        return k;
      }
    }
    return -1;
  }

  static double number(String s) {
    try {
      return GoFloat.parse(s);
    } catch (NumberFormatException e) {
      Double i = parseGoInt(s);
      if (i != null) {
        return i;
      }
      throw new PromqlException("invalid value \"" + s + "\" in series description");
    }
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}: decimal, or 0x/0o/0b/0 prefixes; null when not an integer. */
  static Double parseGoInt(String s) {
    String t = s;
    boolean neg = false;
    if (t.startsWith("+") || t.startsWith("-")) {
      neg = t.startsWith("-");
      t = t.substring(1);
    }
    t = t.replace("_", "");
    if (t.isEmpty()) {
      return null;
    }
    int radix = 10;
    if (t.length() > 1 && t.charAt(0) == '0') {
      char p = Character.toLowerCase(t.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        t = t.substring(2);
      } else {
        radix = 8;
        t = t.substring(1);
      }
    }
    try {
      long v = Long.parseLong(t, radix);
      return (double) (neg ? -v : v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Index just past the metric part: a name, a brace block, or both. */
  private static int metricEnd(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) != '{' && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '{') {
      char quote = 0;
      for (; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'' || c == '`') {
          quote = c;
        } else if (c == '}') {
          return i + 1;
        }
      }
      throw new PromqlException("unterminated label set in series description: " + s);
    }
    return i;
  }

  /** Parses {@code name{a="b", "c d"="e"}} with the PromQL lexer. */
  static Labels parseLabels(String metric) {
    var map = new TreeMap<String, String>();
    List<Token> tokens;
    try {
      tokens = Lexer.tokenize(metric);
    } catch (ParseException e) {
      throw new PromqlException("invalid series description \"" + metric + "\": " + e.getMessage());
    }
    int k = 0;
    if (tokens.get(k).kind() == Kind.IDENTIFIER) {
      map.put("__name__", tokens.get(k).text());
      k++;
    }
    if (tokens.get(k).kind() == Kind.LEFT_BRACE) {
      k++;
      while (tokens.get(k).kind() != Kind.RIGHT_BRACE) {
        Token name = tokens.get(k++);
        if (name.kind() != Kind.IDENTIFIER && name.kind() != Kind.STRING) {
          throw new PromqlException("invalid label in series description \"" + metric + "\"");
        }
        if (name.kind() == Kind.STRING && (tokens.get(k).kind() == Kind.COMMA || tokens.get(k).kind() == Kind.RIGHT_BRACE)) {
          map.put("__name__", name.text());
        } else {
          if (tokens.get(k).kind() != Kind.ASSIGN || tokens.get(k + 1).kind() != Kind.STRING) {
            throw new PromqlException("invalid label matcher in series description \"" + metric + "\"");
          }
          map.put(name.text(), tokens.get(k + 1).text());
          k += 2;
        }
        if (tokens.get(k).kind() == Kind.COMMA) {
          k++;
        }
      }
      k++;
    }
    if (tokens.get(k).kind() != Kind.EOF) {
      throw new PromqlException("invalid series description \"" + metric + "\"");
    }
    map.values().removeIf(String::isEmpty);
    return Labels.of(map);
  }
}
