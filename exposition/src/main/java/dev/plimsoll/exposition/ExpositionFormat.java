package dev.plimsoll.exposition;

import java.util.Locale;

/** The two text exposition formats a scrape may return, and how HTTP names them. */
public enum ExpositionFormat {
  /** The Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}). */
  PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
  /** OpenMetrics 1.0 text ({@code application/openmetrics-text; version=1.0.0}). */
  OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

  /**
   * The {@code Accept} header a scrape sends: OpenMetrics first, the text format next, anything else
   * last (the same preference order as Prometheus' own scrapes).
   */
  public static final String ACCEPT_HEADER =
      "application/openmetrics-text;version=1.0.0;q=0.9,application/openmetrics-text;version=0.0.1;q=0.8,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final String contentType;

  ExpositionFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The Content-Type a server of this format sends. */
  public String contentType() {
    return contentType;
  }

  /**
   * The format a response's Content-Type names: {@code application/openmetrics-text} (any version) is
   * OpenMetrics; anything else, a missing header included, is read as the text format 0.0.4, as
   * Prometheus does.
   */
  public static ExpositionFormat fromContentType(String contentType) {
    if (contentType == null) {
      return PROMETHEUS_TEXT;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
  }

  /** The format named on a command line: {@code text}, {@code prometheus}, {@code 0.0.4}, {@code openmetrics} or {@code om}. */
  public static ExpositionFormat fromName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "text", "prometheus", "0.0.4" -> PROMETHEUS_TEXT;
      case "openmetrics", "om" -> OPENMETRICS;
      default -> throw new IllegalArgumentException("unknown format '" + name + "' (expected text or openmetrics)");
    };
  }

  /**
   * The format of a body whose Content-Type is unknown (a file): OpenMetrics when its last line is
   * {@code # EOF}, which OpenMetrics requires and the text format does not have; otherwise text.
   */
  public static ExpositionFormat sniff(byte[] body, int length) {
    int end = length;
    while (end > 0 && body[end - 1] == '\n') {
      end--;
    }
    byte[] eof = {'#', ' ', 'E', 'O', 'F'};
    if (end < eof.length || (end > eof.length && body[end - eof.length - 1] != '\n')) {
      return PROMETHEUS_TEXT;
    }
    for (int i = 0; i < eof.length; i++) {
      if (body[end - eof.length + i] != eof[i]) {
        return PROMETHEUS_TEXT;
      }
    }
    return OPENMETRICS;
  }
}
