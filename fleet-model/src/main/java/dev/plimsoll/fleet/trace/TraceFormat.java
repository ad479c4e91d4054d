package dev.plimsoll.fleet.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.Optional;

/** The trace formats read, and which one a file is in, told from its first line. */
public enum TraceFormat {
  /** Azure LLM inference traces, 2023 and 2024 ({@link AzureTraceReader}). */
  AZURE,
  /** BurstGPT ({@link BurstGptTraceReader}). */
  BURSTGPT,
  /** Mooncake's JSONL ({@link MooncakeTraceReader}). */
  MOONCAKE;

  /** The longest first line looked at to tell the format (a Mooncake line with many hash ids is long). */
  static final int FIRST_LINE_LIMIT = 1 << 20;

  /** This format's name in lower case, as APIs and command lines spell it. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A format by {@link #key()}. */
  public static Optional<TraceFormat> named(String key) {
    for (TraceFormat f : values()) {
      if (f.key().equals(key)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Reads a whole trace in this format. */
  public Trace read(Reader reader) throws IOException {
    return switch (this) {
      case AZURE -> AzureTraceReader.readAll(reader);
      case BURSTGPT -> BurstGptTraceReader.readAll(reader);
      case MOONCAKE -> MooncakeTraceReader.readAll(reader);
    };
  }

  /**
   * The format a file's first line shows: a JSON object (Mooncake), Azure's header or a header naming BurstGPT's
   * columns; empty when it is none of them.
   */
  public static Optional<TraceFormat> detect(String firstLine) {
    if (TraceReader.withoutBom(firstLine).strip().startsWith("{")) {
      return Optional.of(MOONCAKE);
    }
    if (TraceReader.columns(firstLine).equals(AzureTraceReader.COLUMNS)) {
      return Optional.of(AZURE);
    }
    if (BurstGptTraceReader.isHeader(firstLine)) {
      return Optional.of(BURSTGPT);
    }
    return Optional.empty();
  }

  /**
   * Reads a whole trace in the format its first line shows.
   *
   * @throws TraceFormatException on line 1 when the first line is no format's, else as the format's reader does
   */
  public static Trace readAny(Reader reader) throws IOException {
    BufferedReader in = TraceReader.buffered(reader);
    in.mark(FIRST_LINE_LIMIT);
    String first;
    do { // blank lines before a JSON line are allowed (a CSV's header must be on line 1, which its reader checks)
      first = in.readLine();
    } while (first != null && first.isBlank());
    try {
      in.reset();
    } catch (IOException e) { // the mark is lost past FIRST_LINE_LIMIT
      throw new TraceFormatException(1, "no trace starts with more than " + FIRST_LINE_LIMIT / 1024 + " KiB before its first line ends");
    }
    if (first == null) {
      throw new TraceFormatException(1, "the trace is empty");
    }
    Optional<TraceFormat> format = detect(first);
    if (format.isEmpty()) {
      throw new TraceFormatException(1, "not a trace this reads: expected Azure's header " + String.join(",", AzureTraceReader.COLUMNS)
          + ", a header with BurstGPT's columns " + String.join(", ", BurstGptTraceReader.REQUIRED_COLUMNS)
          + ", or Mooncake's JSON lines; found '" + abbreviate(first) + "'");
    }
    return format.get().read(in);
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
