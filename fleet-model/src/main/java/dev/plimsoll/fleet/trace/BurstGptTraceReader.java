package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads the BurstGPT trace CSV (HPMLL/BurstGPT: ChatGPT and GPT-4 traffic on Azure): a header naming at least
 * {@code Timestamp}, {@code Request tokens} and {@code Response tokens} — the releases write
 * {@code Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type}; the README announces more columns (a
 * session ID, the elapsed time), and any others are ignored — then one request per row, e.g.
 * {@code 5,ChatGPT,472,18,490,Conversation log}. {@code Timestamp} is seconds (whole or decimal) from the start of the
 * trace's first day; arrivals are seconds after the first row. Other columns are not used. A failed request (the
 * releases with failures write {@code 0} response tokens) is replayed as its prompt with no output.
 *
 * <p>As for the other readers: rows in time order (equal timestamps are fine), blank lines skipped, CRLF and a UTF-8
 * BOM accepted, and anything else wrong throws {@link TraceFormatException} naming the line: the header, the column
 * count, the timestamp, or a token count that is not a non-negative integer. Fields are split on commas (the
 * releases quote none).
 */
public final class BurstGptTraceReader implements TraceReader {

  /** The columns read; the header must name each of them once. */
  public static final List<String> REQUIRED_COLUMNS = List.of("Timestamp", "Request tokens", "Response tokens");

  private final Lines lines;
  private int columns;
  private int timestampColumn;
  private int requestColumn;
  private int responseColumn;
  private double start = Double.NaN;
  private double previous;
  private String previousText;
  private long nextId;

  public BurstGptTraceReader(Reader reader) {
    this.lines = new Lines(reader);
  }

  /** Reads a whole trace (no wall-clock start: the timestamps are relative). */
  public static Trace readAll(Reader reader) throws IOException {
    return new Trace(null, new BurstGptTraceReader(reader).rest());
  }

  /** Whether a header line (the first line of a file) names BurstGPT's columns. */
  public static boolean isHeader(String line) {
    List<String> names = TraceReader.columns(line);
    return REQUIRED_COLUMNS.stream().allMatch(names::contains);
  }

  @Override
  public InferenceRequest next() throws IOException {
    if (columns == 0) {
      readHeader();
    }
    String line = lines.nextNonBlank();
    return line == null ? null : parseRow(line, lines.number());
  }

  private void readHeader() throws IOException {
    String header = lines.next();
    if (header == null) {
      throw new TraceFormatException(1, "the trace is empty; expected a header with the columns " + String.join(", ", REQUIRED_COLUMNS));
    }
    List<String> names = TraceReader.columns(header);
    for (String required : REQUIRED_COLUMNS) {
      if (names.indexOf(required) != names.lastIndexOf(required) || !names.contains(required)) {
        throw new TraceFormatException(1, "expected a header naming each of " + String.join(", ", REQUIRED_COLUMNS)
            + " once (BurstGPT's Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type) but found '" + header + "'");
      }
    }
    columns = names.size();
    timestampColumn = names.indexOf(REQUIRED_COLUMNS.get(0));
    requestColumn = names.indexOf(REQUIRED_COLUMNS.get(1));
    responseColumn = names.indexOf(REQUIRED_COLUMNS.get(2));
  }

  private InferenceRequest parseRow(String line, long lineNumber) throws TraceFormatException {
    String[] fields = line.split(",", -1);
    if (fields.length != columns) {
      throw new TraceFormatException(lineNumber, "expected " + columns + " columns, as in the header, but found " + fields.length
          + " in '" + line + "'");
    }
    String text = fields[timestampColumn].strip();
    double timestamp;
    try {
      timestamp = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new TraceFormatException(lineNumber, "Timestamp '" + text + "' is not a number of seconds");
    }
    if (Double.isNaN(timestamp) || text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
      throw new TraceFormatException(lineNumber, "Timestamp '" + text + "' is not a number of seconds");
    }
    if (Double.isInfinite(timestamp)) {
      throw new TraceFormatException(lineNumber, "Timestamp '" + text + "' is too large");
    }
    if (timestamp < 0) {
      throw new TraceFormatException(lineNumber, "Timestamp '" + text + "' is negative");
    }
    int promptTokens = TraceReader.tokens(lineNumber, REQUIRED_COLUMNS.get(1), fields[requestColumn]);
    int outputTokens = TraceReader.tokens(lineNumber, REQUIRED_COLUMNS.get(2), fields[responseColumn]);
    if (Double.isNaN(start)) {
      start = timestamp;
    } else if (timestamp < previous) {
      throw new TraceFormatException(lineNumber, "Timestamp " + text + " is earlier than the previous row's (" + previousText
          + "); rows must be sorted by time");
    }
    previous = timestamp;
    previousText = text;
    return new InferenceRequest(nextId++, timestamp - start, promptTokens, outputTokens);
  }
}
