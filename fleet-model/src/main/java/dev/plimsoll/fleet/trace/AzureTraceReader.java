package dev.plimsoll.fleet.trace;

import dev.plimsoll.fleet.InferenceRequest;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Azure LLM inference trace CSV (AzurePublicDataset, "AzureLLMInferenceDataset2023" and the week-long
 * "AzureLLMInferenceDataset2024"): a header {@code TIMESTAMP,ContextTokens,GeneratedTokens}, then one request per row,
 * e.g. {@code 2023-11-16 18:15:46.6805900,374,44} or {@code 2024-05-10 00:00:00.009930+00:00,2162,5}. TIMESTAMP is
 * {@code YYYY-MM-DD HH:MM:SS} with an optional fraction of up to 9 digits (the 2023 traces use 7, the 2024 ones 6 or
 * none) and an optional zone offset ({@code +00:00} or {@code Z}); rows with an offset are taken to UTC, rows without
 * one as they are. Arrivals are seconds after the first row.
 *
 * <p>Rows must be in time order (equal timestamps are fine): an earlier row than the one before is rejected, not
 * sorted, so the reader streams with constant memory. Blank lines are skipped; CRLF line ends and a UTF-8 BOM are
 * accepted. Anything else wrong throws {@link TraceFormatException} naming the line: the header, the column
 * count, the timestamp, or a token count that is not a non-negative integer.
 *
 * <p>Use {@link #next()} to stream or {@link #readAll(Reader)} for a whole {@link Trace}.
 */
public final class AzureTraceReader implements TraceReader {

  /** The expected header columns. */
  public static final List<String> COLUMNS = List.of("TIMESTAMP", "ContextTokens", "GeneratedTokens");

  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  private final Lines lines;
  private boolean headerRead;
  private LocalDateTime start;
  private LocalDateTime previous;
  private long nextId;

  public AzureTraceReader(Reader reader) {
    this.lines = new Lines(reader);
  }

  /** Reads a whole trace. */
  public static Trace readAll(Reader reader) throws IOException {
    AzureTraceReader trace = new AzureTraceReader(reader);
    List<InferenceRequest> requests = trace.rest();
    return new Trace(trace.start, requests);
  }

  /**
   * The next request, or {@code null} at the end of the input.
   *
   * @throws TraceFormatException for a malformed header or row
   */
  @Override
  public InferenceRequest next() throws IOException {
    if (!headerRead) {
      readHeader();
    }
    String line = lines.nextNonBlank();
    return line == null ? null : parseRow(line, lines.number());
  }

  /** The first row's timestamp; null before the first row was read. */
  public LocalDateTime start() {
    return start;
  }

  private void readHeader() throws IOException {
    headerRead = true;
    String header = lines.next();
    if (header == null) {
      throw new TraceFormatException(1, "the trace is empty; expected the header " + String.join(",", COLUMNS));
    }
    List<String> columns = TraceReader.columns(header);
    if (!columns.equals(COLUMNS)) {
      throw new TraceFormatException(1, "expected the header " + String.join(",", COLUMNS) + " but found '" + header + "'");
    }
  }

  private InferenceRequest parseRow(String line, long lineNumber) throws TraceFormatException {
    String[] fields = line.split(",", -1);
    if (fields.length != COLUMNS.size()) {
      throw new TraceFormatException(lineNumber, "expected " + COLUMNS.size() + " columns (" + String.join(",", COLUMNS)
          + ") but found " + fields.length + " in '" + line + "'");
    }
    LocalDateTime timestamp;
    String text = fields[0].strip();
    try {
      TemporalAccessor parsed = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      timestamp = parsed instanceof OffsetDateTime o ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : (LocalDateTime) parsed;
    } catch (DateTimeParseException e) {
      throw new TraceFormatException(lineNumber, "TIMESTAMP '" + text + "' is not a date-time like 2023-11-16 18:15:46.6805900 or"
          + " 2024-05-10 00:00:00.009930+00:00");
    }
    int promptTokens = TraceReader.tokens(lineNumber, COLUMNS.get(1), fields[1]);
    int outputTokens = TraceReader.tokens(lineNumber, COLUMNS.get(2), fields[2]);
    if (start == null) {
      start = timestamp;
    } else if (timestamp.isBefore(previous)) {
      throw new TraceFormatException(lineNumber, "TIMESTAMP " + text + " is earlier than the previous row's ("
          + previous.format(TIMESTAMP) + "); rows must be sorted by time");
    }
    previous = timestamp;
    double arrival = ChronoUnit.NANOS.between(start, timestamp) / 1e9;
    return new InferenceRequest(nextId++, arrival, promptTokens, outputTokens);
  }
}
