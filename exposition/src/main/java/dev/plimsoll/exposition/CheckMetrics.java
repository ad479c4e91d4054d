package dev.plimsoll.exposition;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line check, like {@code promtool check metrics}: reads an exposition from a file or
 * standard input and prints what it found as JSON (families with name, type and sample count), or
 * {@code line:column} and the reason when it is invalid.
 *
 * <pre>
 * java -jar exposition/target/plimsoll-exposition.jar [--format auto|text|openmetrics] [FILE|-]
 * </pre>
 *
 * Exit status: 0 valid, 1 invalid, 2 usage or I/O error. {@code --format auto} (the default) reads
 * OpenMetrics when the last line is {@code # EOF}, the text format 0.0.4 otherwise.
 */
public final class CheckMetrics {
  private CheckMetrics() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the check; returns the exit status. */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    String formatName = "auto";
    String file = "-";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        out.println(usage());
        return 0;
      } else if (a.equals("--format") && i + 1 < args.length) {
        formatName = args[++i];
      } else if (a.startsWith("--format=")) {
        formatName = a.substring("--format=".length());
      } else if (a.startsWith("-") && !a.equals("-")) {
        err.println("unknown option " + a + "\n" + usage());
        return 2;
      } else {
        file = a;
      }
    }
    byte[] body;
    try {
      body = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      err.println(file + ": no such file");
      return 2;
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return 2;
    }
    ExpositionFormat format;
    try {
      format = formatName.equals("auto") ? ExpositionFormat.sniff(body, body.length) : ExpositionFormat.fromName(formatName);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    List<Family> families = new ArrayList<>();
    long[] samples = {0};
    try {
      new ExpositionReader(format, ParseLimits.NONE).read(body, null, new SampleSink() {
        @Override
        public void sample(String family, MetricType type, Series series, double value, long timestampMillis, Exemplar exemplar) {
          samples[0]++;
        }

        @Override
        public void family(Family family) {
          families.add(family);
        }
      });
    } catch (ExpositionParseException e) {
      String where = file.equals("-") ? "stdin" : file;
      err.println(where + ":" + e.line() + ":" + e.column() + ": " + e.reason());
      out.println("{\"format\":" + json(formatWord(format)) + ",\"valid\":false,\"error\":{\"line\":" + e.line()
          + ",\"column\":" + e.column() + ",\"message\":" + json(e.reason()) + "}}");
      return 1;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("{\"format\":").append(json(formatWord(format))).append(",\"valid\":true,\"familyCount\":").append(families.size())
        .append(",\"sampleCount\":").append(samples[0]).append(",\"families\":[");
    for (int i = 0; i < families.size(); i++) {
      Family f = families.get(i);
      sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"name\":").append(json(f.name())).append(",\"type\":")
          .append(json(f.type().typeLineWord(format))).append(",\"samples\":").append(f.samples()).append('}');
    }
    sb.append(families.isEmpty() ? "]}" : "\n]}");
    out.println(sb);
    return 0;
  }

  private static String formatWord(ExpositionFormat format) {
    return format == ExpositionFormat.OPENMETRICS ? "openmetrics" : "text";
  }

  private static String usage() {
    return "usage: check-metrics [--format auto|text|openmetrics] [FILE|-]\n"
        + "Reads a Prometheus text-format 0.0.4 or OpenMetrics 1.0 exposition (standard input when FILE is - or absent)\n"
        + "and prints its families as JSON; exits 1 with FILE:line:column on invalid input, 2 on usage or I/O errors.";
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

}
