package dev.plimsoll.exposition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Parses a whole body into an {@link Exposition}: the convenient form of {@link ExpositionReader}. */
public interface ExpositionParser {

  /**
   * Parses a UTF-8 encoded body.
   *
   * @throws ExpositionParseException when the body is not a valid exposition (invalid UTF-8 included)
   */
  Exposition parse(byte[] body);

  /**
   * Parses text.
   *
   * @throws ExpositionParseException when the text is not a valid exposition
   */
  default Exposition parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A parser of the given format under the given limits. */
  static ExpositionParser of(ExpositionFormat format, ParseLimits limits) {
    ExpositionReader reader = new ExpositionReader(format, limits);
    return body -> {
      List<Sample> samples = new ArrayList<>();
      List<Family> families = new ArrayList<>();
      reader.read(body, null, new SampleSink() {
        @Override
        public void sample(String family, MetricType type, Series series, double value, long timestampMillis, Exemplar exemplar) {
          samples.add(new Sample(series.name(), series.labels(), value,
              timestampMillis == NO_TIMESTAMP ? OptionalLong.empty() : OptionalLong.of(timestampMillis)));
        }

        @Override
        public void family(Family family) {
          families.add(family);
        }
      });
      return new Exposition(format, samples, families);
    };
  }

  /** A text-format 0.0.4 parser with the default limits. */
  static ExpositionParser text() {
    return of(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT);
  }

  /** An OpenMetrics parser with the default limits. */
  static ExpositionParser openMetrics() {
    return of(ExpositionFormat.OPENMETRICS, ParseLimits.DEFAULT);
  }
}
