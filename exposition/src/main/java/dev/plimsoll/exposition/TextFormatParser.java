package dev.plimsoll.exposition;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A parser for the Prometheus text exposition format 0.0.4, in one pass over the text without regular
 * expressions. Stateless and thread-safe.
 *
 * <p>Grammar, line by line ({@code [ \t]} is a blank; lines end with {@code \n} or the end of the text):
 *
 * <ul>
 *   <li>blank lines and lines of blanks are skipped;
 *   <li>{@code # HELP name text} (text with the escapes {@code \\} and {@code \n}; other backslashes are kept) and {@code # TYPE name
 *       type} ({@code counter|gauge|histogram|summary|untyped}) describe a family; a second HELP or TYPE for
 *       a family, or a TYPE after samples of that family, is an error; other {@code #} lines are comments;
 *   <li>a sample is {@code name[{labels}] value [timestamp]}, tokens separated by blanks (optional around
 *       the label set): the name matches {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; labels are {@code name="value"} pairs separated by commas
 *       (a trailing comma is allowed; names match {@code [a-zA-Z_][a-zA-Z0-9_]*}, no duplicates; values
 *       use the escapes {@code \\}, {@code \"} and {@code \n} and may not contain a raw newline); the
 *       value is a Go float ({@link GoFloat}); the optional timestamp is an integer (milliseconds);
 *   <li>a histogram's {@code _bucket} sample needs an {@code le} label and a summary's quantile sample a
 *       {@code quantile} label, each holding a float.
 * </ul>
 */
public final class TextFormatParser implements ExpositionParser {

  @Override
  public Exposition parse(byte[] body) {
    return parse(decodeUtf8(body));
  }

  @Override
  public Exposition parse(String text) {
    return new Run(text).parse();
  }

  /** Decodes strictly, so invalid UTF-8 is reported at its position instead of being replaced. */
  private static String decodeUtf8(byte[] body) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      out.flip();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < out.limit(); i++) {
        if (out.get(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new ExpositionParseException(line, out.limit() - lineStart + 1, "invalid UTF-8 byte sequence");
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  /** The state of parsing one text. */
  private static final class Run {
    private final String s;
    private final int n;
    private int pos;
    private int line = 1;
    private int lineStart;

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, MetricType> types = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Set<String> familiesWithSamples = new HashSet<>();

    // Reused per sample line: label pairs and the column where each value starts.
    private final List<String> labelNames = new ArrayList<>();
    private final List<String> labelValues = new ArrayList<>();
    private final List<Integer> labelValueColumns = new ArrayList<>();
    private final StringBuilder token = new StringBuilder();

    Run(String text) {
      this.s = text;
      this.n = text.length();
    }

    Exposition parse() {
      while (pos < n) {
        skipBlanks();
        if (pos >= n) {
          break;
        }
        char c = s.charAt(pos);
        if (c == '\n') {
          newLine();
        } else if (c == '#') {
          comment();
        } else {
          sample();
        }
      }
      return new Exposition(samples, types, help);
    }

    // ---- comments, HELP and TYPE ----

    private void comment() {
      pos++; // '#'
      skipBlanks();
      int wordStart = pos;
      while (pos < n && !isBlank(s.charAt(pos)) && s.charAt(pos) != '\n') {
        pos++;
      }
      String word = s.substring(wordStart, pos);
      boolean isHelp = word.equals("HELP");
      if (!isHelp && !word.equals("TYPE")) {
        skipToEndOfLine();
        return;
      }
      skipBlanks();
      int nameColumn = column();
      String family = metricName("metric name after # " + word);
      if (pos < n && s.charAt(pos) != '\n' && !isBlank(s.charAt(pos))) {
        throw error("unexpected character '" + s.charAt(pos) + "' after metric name in # " + word);
      }
      skipBlanks();
      if (isHelp) {
        String text = helpText();
        if (help.putIfAbsent(family, text) != null) {
          throw error(nameColumn, "second HELP line for metric family '" + family + "'");
        }
      } else {
        typeLine(family, nameColumn);
      }
      endOfLine();
    }

    private void typeLine(String family, int nameColumn) {
      int typeColumn = column();
      int start = pos;
      while (pos < n && !isBlank(s.charAt(pos)) && s.charAt(pos) != '\n') {
        pos++;
      }
      String word = s.substring(start, pos);
      MetricType type = MetricType.fromTypeLine(word);
      if (type == null) {
        throw error(typeColumn, word.isEmpty() ? "missing metric type after # TYPE " + family
            : "unknown metric type '" + word + "' (expected counter, gauge, histogram, summary or untyped)");
      }
      if (types.containsKey(family)) {
        throw error(nameColumn, "second TYPE line for metric family '" + family + "'");
      }
      if (familiesWithSamples.contains(family)) {
        throw error(nameColumn, "TYPE line for metric family '" + family + "' after its samples");
      }
      types.put(family, type);
      skipBlanks();
      if (pos < n && s.charAt(pos) != '\n') {
        throw error("unexpected text after metric type");
      }
    }

    /**
     * The rest of the line, unescaping {@code \\} and {@code \n}. Other backslashes are kept as written,
     * as Prometheus does: HELP is documentation, and some exporters escape more than the format asks
     * (for example {@code \"}), which must not fail a scrape.
     */
    private String helpText() {
      token.setLength(0);
      while (pos < n && s.charAt(pos) != '\n') {
        char c = s.charAt(pos);
        char next = pos + 1 < n ? s.charAt(pos + 1) : 0;
        if (c == '\\' && (next == '\\' || next == 'n')) {
          token.append(next == 'n' ? '\n' : '\\');
          pos += 2;
        } else {
          token.append(c);
          pos++;
        }
      }
      return token.toString();
    }

    // ---- samples ----

    private void sample() {
      labelNames.clear();
      labelValues.clear();
      labelValueColumns.clear();
      int startColumn = column();
      String name = metricName("metric name");
      if (pos < n && s.charAt(pos) != '{' && s.charAt(pos) != '\n' && !isBlank(s.charAt(pos))) {
        throw error("unexpected character '" + s.charAt(pos) + "' after metric name");
      }
      skipBlanks();
      Labels labels = Labels.EMPTY;
      if (pos < n && s.charAt(pos) == '{') {
        labels = labels();
        skipBlanks();
      }

      int valueStart = pos;
      skipToken();
      if (valueStart == pos) {
        throw error("missing value for '" + name + "'");
      }
      double value;
      try {
        value = GoFloat.parse(s, valueStart, pos);
      } catch (NumberFormatException e) {
        throw error(valueStart - lineStart + 1, "invalid value '" + s.substring(valueStart, pos) + "': " + e.getMessage());
      }
      skipBlanks();

      OptionalLong timestamp = OptionalLong.empty();
      if (pos < n && s.charAt(pos) != '\n') {
        int tsStart = pos;
        skipToken();
        timestamp = OptionalLong.of(timestamp(tsStart, pos));
        skipBlanks();
        if (pos < n && s.charAt(pos) != '\n') {
          throw error("unexpected text after timestamp");
        }
      }
      endOfLine();

      String family = Exposition.familyOf(name, types);
      familiesWithSamples.add(family);
      MetricType type = types.getOrDefault(family, MetricType.UNTYPED);
      if (type == MetricType.HISTOGRAM && name.length() == family.length() + "_bucket".length() && name.endsWith("_bucket")) {
        requireFloatLabel(labels, "le", "histogram bucket", startColumn);
      } else if (type == MetricType.SUMMARY && name.equals(family)) {
        requireFloatLabel(labels, "quantile", "summary quantile", startColumn);
      }
      samples.add(new Sample(name, labels, value, timestamp));
    }

    private long timestamp(int from, int to) {
      int i = from;
      if (s.charAt(i) == '-' || s.charAt(i) == '+') {
        i++;
      }
      if (i == to) {
        throw error(from - lineStart + 1, "invalid timestamp '" + s.substring(from, to) + "': expected an integer (milliseconds)");
      }
      for (int k = i; k < to; k++) {
        if (s.charAt(k) < '0' || s.charAt(k) > '9') {
          throw error(from - lineStart + 1, "invalid timestamp '" + s.substring(from, to) + "': expected an integer (milliseconds)");
        }
      }
      try {
        return Long.parseLong(s, from, to, 10);
      } catch (NumberFormatException e) {
        throw error(from - lineStart + 1, "timestamp '" + s.substring(from, to) + "' out of range");
      }
    }

    private Labels labels() {
      pos++; // '{'
      while (true) {
        skipBlanks();
        if (pos >= n || s.charAt(pos) == '\n') {
          throw error("unterminated label set: expected '}'");
        }
        if (s.charAt(pos) == '}') {
          pos++;
          break;
        }
        int nameColumn = column();
        String labelName = labelName();
        if (labelNames.contains(labelName)) {
          throw error(nameColumn, "duplicate label name '" + labelName + "'");
        }
        skipBlanks();
        expect('=', "expected '=' after label name '" + labelName + "'");
        skipBlanks();
        int valueColumn = column();
        expect('"', "expected '\"' to start the value of label '" + labelName + "'");
        labelNames.add(labelName);
        labelValues.add(labelValue());
        labelValueColumns.add(valueColumn);
        skipBlanks();
        if (pos < n && s.charAt(pos) == ',') {
          pos++;
        } else if (pos < n && s.charAt(pos) == '}') {
          pos++;
          break;
        } else {
          throw error("expected ',' or '}' after label value");
        }
      }
      return Labels.sorted(labelNames.toArray(new String[0]), labelValues.toArray(new String[0]));
    }

    private String labelName() {
      int start = pos;
      if (pos >= n || !isLabelNameStart(s.charAt(pos))) {
        throw error(pos < n ? "invalid label name: unexpected character '" + s.charAt(pos) + "'" : "missing label name");
      }
      pos++;
      while (pos < n && isLabelNameChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    /** After the opening quote: the unescaped value, consuming the closing quote. */
    private String labelValue() {
      token.setLength(0);
      while (true) {
        if (pos >= n) {
          throw error("unterminated label value: expected '\"'");
        }
        char c = s.charAt(pos);
        if (c == '"') {
          pos++;
          return token.toString();
        }
        if (c == '\n') {
          throw error("label value contains an unescaped new line");
        }
        if (c == '\\') {
          if (pos + 1 >= n) {
            throw error("unterminated label value: expected '\"'");
          }
          char e = s.charAt(pos + 1);
          switch (e) {
            case '\\' -> token.append('\\');
            case '"' -> token.append('"');
            case 'n' -> token.append('\n');
            default -> throw error("invalid escape sequence '\\" + (e == '\n' ? "<newline>" : String.valueOf(e))
                + "' in label value (only \\\\, \\\" and \\n)");
          }
          pos += 2;
        } else {
          token.append(c);
          pos++;
        }
      }
    }

    private void requireFloatLabel(Labels labels, String label, String what, int sampleColumn) {
      String value = labels.get(label);
      if (value == null) {
        throw error(sampleColumn, what + " without a '" + label + "' label");
      }
      try {
        GoFloat.parse(value);
      } catch (NumberFormatException e) {
        int column = labelValueColumns.get(labelNames.indexOf(label));
        throw error(column, "invalid '" + label + "' value \"" + value + "\": " + e.getMessage());
      }
    }

    // ---- lexical helpers ----

    private String metricName(String what) {
      int start = pos;
      if (pos >= n || !isMetricNameStart(s.charAt(pos))) {
        throw error(pos < n && s.charAt(pos) != '\n'
            ? "invalid " + what + ": unexpected character '" + s.charAt(pos) + "'" : "missing " + what);
      }
      pos++;
      while (pos < n && isMetricNameChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private void expect(char c, String message) {
      if (pos >= n || s.charAt(pos) != c) {
        throw error(message);
      }
      pos++;
    }

    private void skipBlanks() {
      while (pos < n && isBlank(s.charAt(pos))) {
        pos++;
      }
    }

    private void skipToken() {
      while (pos < n && !isBlank(s.charAt(pos)) && s.charAt(pos) != '\n') {
        pos++;
      }
    }

    private void skipToEndOfLine() {
      while (pos < n && s.charAt(pos) != '\n') {
        pos++;
      }
      if (pos < n) {
        newLine();
      }
    }

    /** At a new line or the end of the text; consumes the new line. */
    private void endOfLine() {
      if (pos < n) {
        newLine();
      }
    }

    private void newLine() {
      pos++;
      line++;
      lineStart = pos;
    }

    private int column() {
      return pos - lineStart + 1;
    }

    private ExpositionParseException error(String reason) {
      return error(column(), reason);
    }

    private ExpositionParseException error(int column, String reason) {
      return new ExpositionParseException(line, column, reason);
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }

    private static boolean isMetricNameStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isMetricNameChar(char c) {
      return isMetricNameStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLabelNameStart(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isLabelNameChar(char c) {
      return isLabelNameStart(c) || (c >= '0' && c <= '9');
    }
  }
}
