package dev.plimsoll.exposition;

import java.util.List;

/**
 * The type of a metric family. The text format 0.0.4 knows counter, gauge, histogram, summary and
 * untyped; OpenMetrics adds gaugehistogram, info and stateset and calls untyped "unknown". Families
 * without a {@code # TYPE} line are {@link #UNTYPED}.
 */
public enum MetricType {
  COUNTER("counter", List.of(""), List.of("_total", "_created")),
  GAUGE("gauge", List.of(""), List.of("")),
  HISTOGRAM("histogram", List.of("_bucket", "_sum", "_count"), List.of("_bucket", "_sum", "_count", "_created")),
  GAUGE_HISTOGRAM("gaugehistogram", null, List.of("_bucket", "_gsum", "_gcount")),
  SUMMARY("summary", List.of("", "_sum", "_count"), List.of("", "_sum", "_count", "_created")),
  INFO("info", null, List.of("_info")),
  STATESET("stateset", null, List.of("")),
  UNTYPED("untyped", List.of(""), List.of(""));

  private final String word;
  private final List<String> textSuffixes;
  private final List<String> openMetricsSuffixes;

  MetricType(String word, List<String> textSuffixes, List<String> openMetricsSuffixes) {
    this.word = word;
    this.textSuffixes = textSuffixes;
    this.openMetricsSuffixes = openMetricsSuffixes;
  }

  /** The type a {@code # TYPE} line names in the given format, or null when the word is not a type there. */
  public static MetricType fromTypeLine(String word, ExpositionFormat format) {
    if (format == ExpositionFormat.OPENMETRICS) {
      if (word.equals("unknown")) {
        return UNTYPED;
      }
      for (MetricType t : values()) {
        if (t != UNTYPED && t.word.equals(word)) {
          return t;
        }
      }
      return null;
    }
    for (MetricType t : values()) {
      if (t.textSuffixes != null && t.word.equals(word)) {
        return t;
      }
    }
    return null;
  }

  /** The type named on a text-format {@code # TYPE} line, or null when unknown. */
  public static MetricType fromTypeLine(String word) {
    return fromTypeLine(word, ExpositionFormat.PROMETHEUS_TEXT);
  }

  /** The word used on a {@code # TYPE} line of the text format ({@code unknown} in OpenMetrics for untyped). */
  public String typeLineWord() {
    return word;
  }

  /** The word used on a {@code # TYPE} line in the given format. */
  public String typeLineWord(ExpositionFormat format) {
    return this == UNTYPED && format == ExpositionFormat.OPENMETRICS ? "unknown" : word;
  }

  /**
   * The sample-name suffixes that belong to a family of this type in the given format: a family
   * {@code x} of type histogram owns {@code x_bucket}, {@code x_sum} and {@code x_count}, and so on.
   */
  public List<String> suffixes(ExpositionFormat format) {
    return format == ExpositionFormat.OPENMETRICS ? openMetricsSuffixes : textSuffixes;
  }
}
