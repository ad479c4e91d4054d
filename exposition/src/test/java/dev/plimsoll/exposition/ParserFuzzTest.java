package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer feeds the reader arbitrary bytes in both formats, through a series cache kept across inputs:
 * nothing but {@link ExpositionParseException} (with a real position) may come out. The build fuzzes
 * for 30 s (a surefire run of its own with JAZZER_FUZZ=1, see the pom); run alone without that
 * variable, Jazzer only replays the inputs it found before.
 */
class ParserFuzzTest {
  private static final SeriesCache TEXT_CACHE = new SeriesCache(1000);
  private static final SeriesCache OM_CACHE = new SeriesCache(1000);
  private static final ParseLimits LIMITS = new ParseLimits(10_000, 16, 64, 256);

  @FuzzTest(maxDuration = "30s")
  void readsOrFailsWithItsOwnError(FuzzedDataProvider data) {
    boolean openMetrics = data.consumeBoolean();
    boolean cached = data.consumeBoolean();
    byte[] body = data.consumeRemainingAsBytes();
    ExpositionFormat format = openMetrics ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
    SeriesCache cache = cached ? (openMetrics ? OM_CACHE : TEXT_CACHE) : null;
    try {
      new ExpositionReader(format, LIMITS).read(body, cache, (family, type, series, value, ts, exemplar) -> {
        assertTrue(series.name().startsWith(family), "sample " + series.name() + " outside its family " + family);
      });
    } catch (ExpositionParseException e) {
      assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
    }
  }
}
