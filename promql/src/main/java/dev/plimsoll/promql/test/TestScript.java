package dev.plimsoll.promql.test;

import dev.plimsoll.exposition.Labels;
import dev.plimsoll.promql.PromqlException;
import dev.plimsoll.promql.parse.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed promqltest file, read the way Prometheus' {@code promqltest/test.go} reads it: lines are
 * trimmed, a line starting with {@code #} counts as empty, and a command's body runs to the next empty
 * line.
 */
record TestScript(List<Command> commands) {
  private static final Pattern LOAD = Pattern.compile("^load(?:_(with_nhcb))?\\s+(.+?)$");
  private static final Pattern EVAL_INSTANT =
      Pattern.compile("^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
  private static final Pattern EVAL_RANGE =
      Pattern.compile("^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");
  private static final Pattern EXPECT =
      Pattern.compile("^expect\\s+(ordered|fail|warn|no_warn|info|no_info)(?:\\s+(regex|msg):(.+))?$");
  private static final Pattern EXPECT_RANGE = Pattern.compile("^expect range vector\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+)$");

  /** A script command; {@code line} is 1-based. */
  sealed interface Command {
    int line();
  }

  /** {@code load <interval>} (or {@code load_with_nhcb}) and its series lines. */
  record Load(int line, long intervalMillis, boolean withNhcb, List<SeriesLine> series) implements Command {}

  /** One line of a load body; {@code startTimestamps} marks an {@code @st} line. */
  record SeriesLine(int line, String text, boolean startTimestamps) {}

  /** {@code clear}. */
  record Clear(int line) implements Command {}

  /** A line that could not be read as a command. */
  record Invalid(int line, String problem) implements Command {}

  /** An {@code expect <type> [msg:|regex: ...]} line. */
  record Expect(String type, String message, Pattern regex) {
    boolean matches(String s) {
      if (regex != null) {
        return regex.matcher(s).find();
      }
      return message == null || message.equals(s);
    }
  }

  /** Expected values of one series, at its (1-based) position among the expected lines. */
  record Expected(int position, List<SeriesDescription.Item> values) {}

  /** One {@code eval} command with everything its body says. */
  static final class Eval implements Command {
    final int line;
    final String expr;
    final boolean range;
    long start;
    long end;
    long step;
    boolean failFlag;
    boolean warnFlag;
    boolean infoFlag;
    boolean orderedFlag;
    String expectedFailMessage;
    Pattern expectedFailRegexp;
    final List<Expect> expects = new ArrayList<>();
    boolean expectRangeVector;
    boolean expectString;
    boolean histogramExpected;
    Double expectedScalar;
    final Map<Labels, Expected> expected = new LinkedHashMap<>();
    String problem;

    Eval(int line, String expr, boolean range) {
      this.line = line;
      this.expr = expr;
      this.range = range;
    }

    @Override
    public int line() {
      return line;
    }

    boolean expects(String type) {
      return expects.stream().anyMatch(e -> e.type().equals(type));
    }

    boolean isFail() {
      return failFlag || expects("fail");
    }

    boolean isOrdered() {
      return orderedFlag || expects("ordered");
    }
  }

  static TestScript parse(String content) {
    String[] raw = content.split("\n", -1);
    String[] lines = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      String l = raw[i].strip();
      lines[i] = l.startsWith("#") ? "" : l;
    }
    var commands = new ArrayList<Command>();
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isEmpty()) {
        continue;
      }
      String word = l.split("[\t ]+", 2)[0].toLowerCase(java.util.Locale.ROOT);
      if (word.equals("clear")) {
        commands.add(new Clear(i + 1));
      } else if (word.startsWith("load")) {
        i = parseLoad(lines, i, commands);
      } else if (word.startsWith("eval")) {
        i = parseEval(lines, i, commands);
      } else {
        commands.add(new Invalid(i + 1, "invalid command \"" + l + "\""));
      }
    }
    return new TestScript(List.copyOf(commands));
  }

  private static int parseLoad(String[] lines, int i, List<Command> out) {
    Matcher m = LOAD.matcher(lines[i]);
    int end = i;
    while (end + 1 < lines.length && !lines[end + 1].isEmpty()) {
      end++;
    }
    if (!m.matches()) {
      out.add(new Invalid(i + 1, "invalid load command. (load[_with_nhcb] <step:duration>)"));
      return end;
    }
    long interval = Durations.parseMillis(m.group(2));
    if (interval < 0) {
      out.add(new Invalid(i + 1, "invalid step definition \"" + m.group(2) + "\""));
      return end;
    }
    var series = new ArrayList<SeriesLine>();
    for (int k = i + 1; k <= end; k++) {
      String def = lines[k];
      int space = indexOfSpace(def);
      boolean st = space > 0 && def.substring(0, space).endsWith("@st");
      series.add(new SeriesLine(k + 1, def, st));
    }
    out.add(new Load(i + 1, interval, m.group(1) != null, List.copyOf(series)));
    return end;
  }

  private static int indexOfSpace(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) == ' ' || s.charAt(k) == '\t') {
        return k;
      }
    }
    return -1;
  }

  private static int parseEval(String[] lines, int i, List<Command> out) {
    Matcher instant = EVAL_INSTANT.matcher(lines[i]);
    Matcher range = EVAL_RANGE.matcher(lines[i]);
    boolean isInstant = instant.matches();
    boolean isRange = !isInstant && range.matches();
    int end = i;
    while (end + 1 < lines.length && !lines[end + 1].isEmpty()) {
      end++;
    }
    if (!isInstant && !isRange) {
      out.add(new Invalid(i + 1, "invalid evaluation command"));
      return end;
    }
    String mod = isInstant ? instant.group(1) : range.group(1);
    String expr = isInstant ? instant.group(3) : range.group(5);
    var cmd = new Eval(i + 1, expr, isRange);
    out.add(cmd);
    if (isInstant) {
      String at = instant.group(2);
      long t = at == null ? -1 : Durations.parseMillis(at);
      if (t < 0) {
        cmd.problem = "invalid timestamp definition \"" + at + "\"";
        return end;
      }
      cmd.start = t;
      cmd.end = t;
    } else {
      long from = Durations.parseMillis(range.group(2));
      long to = Durations.parseMillis(range.group(3));
      long step = Durations.parseMillis(range.group(4));
      if (from < 0 || to < 0 || step < 0 || to < from) {
        cmd.problem = "invalid range definition";
        return end;
      }
      cmd.start = from;
      cmd.end = to;
      cmd.step = step;
    }
    if (mod != null) {
      switch (mod) {
        case "fail" -> cmd.failFlag = true;
        case "warn" -> cmd.warnFlag = true;
        case "info" -> cmd.infoFlag = true;
        case "ordered" -> cmd.orderedFlag = true;
        default -> {
        }
      }
    }
    int position = 1;
    for (int k = i + 1; k <= end; k++) {
      String def = lines[k];
      try {
        if (cmd.failFlag && def.startsWith("expected_fail_message")) {
          cmd.expectedFailMessage = def.substring("expected_fail_message".length()).strip();
          break;
        }
        if (cmd.failFlag && def.startsWith("expected_fail_regexp")) {
          cmd.expectedFailRegexp = Pattern.compile(def.substring("expected_fail_regexp".length()).strip());
          break;
        }
        if (def.startsWith("expect range vector")) {
          Matcher m = EXPECT_RANGE.matcher(def);
          if (!m.matches()) {
            cmd.problem = "invalid range vector definition \"" + def + "\"";
            return end;
          }
          cmd.expectRangeVector = true;
          continue;
        }
        if (def.startsWith("expect string")) {
          cmd.expectString = true;
          continue;
        }
        if (def.split(" ")[0].equals("expect")) {
          Matcher m = EXPECT.matcher(def);
          if (!m.matches()) {
            cmd.problem = "invalid expect statement \"" + def + "\"";
            return end;
          }
          String message = null;
          Pattern regex = null;
          if (m.group(2) != null) {
            if (m.group(2).equals("msg")) {
              message = m.group(3).strip();
            } else {
              regex = Pattern.compile(m.group(3).strip());
            }
          }
          cmd.expects.add(new Expect(m.group(1), message, regex));
          continue;
        }
        Double number = parseNumber(def);
        if (number != null) {
          cmd.expectedScalar = number;
          break;
        }
        SeriesDescription d = SeriesDescription.parse(def);
        if (d.hasHistogram()) {
          cmd.histogramExpected = true;
        }
        cmd.expected.put(d.labels(), new Expected(position++, d.values()));
      } catch (PromqlException | java.util.regex.PatternSyntaxException e) {
        cmd.problem = "line " + (k + 1) + ": " + e.getMessage();
        return end;
      }
    }
    return end;
  }

  /** Go's {@code parseNumber}: {@code ParseInt(s, 0, 64)}, else {@code ParseFloat}; null when neither. */
  static Double parseNumber(String s) {
    Double i = SeriesDescription.parseGoInt(s);
    if (i != null) {
      return i;
    }
    try {
      return dev.plimsoll.exposition.GoFloat.parse(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
