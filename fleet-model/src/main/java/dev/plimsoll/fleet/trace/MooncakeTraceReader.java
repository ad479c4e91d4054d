package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a Mooncake trace (kvcache-ai/Mooncake FAST'25 release): JSON Lines, one request per line, e.g.
 * {@code {"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47]}}, where
 * {@code timestamp} is milliseconds since the trace's start; arrivals are seconds after the first line's. Other
 * fields ({@code hash_ids}, anything a later release adds) are read over and ignored.
 *
 * <p>Lines must be in time order (equal timestamps are fine); blank lines are skipped. Anything wrong throws
 * {@link TraceFormatException} naming the line: not one JSON object, a missing or non-integer field, a negative
 * count, an earlier timestamp. Plain Java (a small strict reader for one object per line, no JSON library).
 */
public final class MooncakeTraceReader implements TraceReader {
  private final Lines lines;
  private Long first;
  private long previous = Long.MIN_VALUE;
  private long nextId;

  public MooncakeTraceReader(Reader reader) {
    this.lines = new Lines(reader);
  }

  /** Reads a whole trace; its start is unknown (the format has no calendar time), so {@link Trace#start()} is null. */
  public static Trace readAll(Reader reader) throws IOException {
    MooncakeTraceReader trace = new MooncakeTraceReader(reader);
    List<InferenceRequest> requests = trace.rest();
    return new Trace(null, requests);
  }

  /** The next request, or {@code null} at the end of the input. */
  @Override
  public InferenceRequest next() throws IOException {
    String line = lines.nextNonBlank();
    if (line == null) {
      return null;
    }
    long lineNumber = lines.number();
    Fields f = new Fields(line, lineNumber);
    f.parse();
    long timestamp = f.required("timestamp");
    long input = f.required("input_length");
    long output = f.required("output_length");
    if (timestamp < 0 || input < 0 || output < 0 || input > Integer.MAX_VALUE || output > Integer.MAX_VALUE) {
      throw new TraceFormatException(lineNumber, "timestamp, input_length and output_length must be non-negative integers (token counts "
          + "below 2^31), got " + timestamp + ", " + input + ", " + output);
    }
    if (timestamp < previous) {
      throw new TraceFormatException(lineNumber, "timestamp " + timestamp + " is earlier than the previous line's (" + previous
          + "); lines must be sorted by time");
    }
    previous = timestamp;
    if (first == null) {
      first = timestamp;
    }
    return new InferenceRequest(nextId++, (timestamp - first) / 1000.0, (int) input, (int) output);
  }

  /** One line's top-level integer fields; every other value is checked to be JSON and skipped. */
  private static final class Fields {
    private final String s;
    private final long line;
    private int i;
    private final java.util.Map<String, Long> numbers = new java.util.HashMap<>();

    Fields(String s, long line) {
      this.s = s;
      this.line = line;
    }

    long required(String name) throws TraceFormatException {
      Long v = numbers.get(name);
      if (v == null) {
        throw new TraceFormatException(line, "\"" + name + "\" is missing or not an integer");
      }
      return v;
    }

    void parse() throws TraceFormatException {
      ws();
      expect('{');
      ws();
      if (peek() == '}') {
        i++;
      } else {
        while (true) {
          ws();
          String key = string();
          ws();
          expect(':');
          ws();
          if (peek() == '-' || Character.isDigit(peek())) {
            String number = number();
            try {
              numbers.put(key, Long.parseLong(number));
            } catch (NumberFormatException e) {
              numbers.remove(key); // a fraction or an exponent: not an integer (reported if the field is needed)
            }
          } else {
            value();
          }
          ws();
          char c = next();
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw error("expected ',' or '}'");
          }
        }
      }
      ws();
      if (i != s.length()) {
        throw error("one JSON object per line expected; text follows it");
      }
    }

    private void value() throws TraceFormatException {
      char c = peek();
      switch (c) {
        case '"' -> string();
        case '{' -> container('{', '}');
        case '[' -> container('[', ']');
        case 't' -> literal("true");
        case 'f' -> literal("false");
        case 'n' -> literal("null");
        default -> {
          if (c == '-' || Character.isDigit(c)) {
            number();
          } else {
            throw error("a JSON value expected");
          }
        }
      }
    }

    private void container(char open, char close) throws TraceFormatException {
      expect(open);
      ws();
      if (peek() == close) {
        i++;
        return;
      }
      while (true) {
        ws();
        if (open == '{') {
          string();
          ws();
          expect(':');
          ws();
        }
        value();
        ws();
        char c = next();
        if (c == close) {
          return;
        }
        if (c != ',') {
          throw error("expected ',' or '" + close + "'");
        }
      }
    }

    private String string() throws TraceFormatException {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = next();
          if (e == 'u') {
            if (i + 4 > s.length()) {
              throw error("a broken \\u escape");
            }
            i += 4;
          } else if ("\"\\/bfnrt".indexOf(e) < 0) {
            throw error("an unknown escape \\" + e);
          }
          b.append('?');
        } else {
          b.append(c);
        }
      }
    }

    private String number() throws TraceFormatException {
      int start = i;
      if (peek() == '-') {
        i++;
      }
      while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String n = s.substring(start, i);
      if (n.equals("-") || n.isEmpty()) {
        throw error("a number expected");
      }
      return n;
    }

    private void literal(String word) throws TraceFormatException {
      if (!s.startsWith(word, i)) {
        throw error("a JSON value expected");
      }
      i += word.length();
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private char peek() throws TraceFormatException {
      if (i >= s.length()) {
        throw error("the line ends too early");
      }
      return s.charAt(i);
    }

    private char next() throws TraceFormatException {
      char c = peek();
      i++;
      return c;
    }

    private void expect(char c) throws TraceFormatException {
      if (next() != c) {
        i--;
        throw error("expected '" + c + "'");
      }
    }

    private TraceFormatException error(String what) {
      return new TraceFormatException(line, what + " at column " + (i + 1));
    }
  }
}
