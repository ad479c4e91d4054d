package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A repeated scrape reuses its series; the cache stays bounded and forgets what disappears. */
class SeriesCacheTest {
  private static final ExpositionReader TEXT = new ExpositionReader(ExpositionFormat.PROMETHEUS_TEXT, ParseLimits.DEFAULT);

  @Test
  void aRepeatedScrapeReturnsTheSameSeriesInstances() {
    SeriesCache cache = new SeriesCache(100);
    String body = "# TYPE h histogram\nh_bucket{le=\"1\",m=\"a\"} 1\nh_bucket{le=\"+Inf\",m=\"a\"} 2\nh_sum 3\nh_count 2\nup 1\n";
    List<Series> first = read(TEXT, body, cache);
    List<Series> second = read(TEXT, body.replace(" 1\n", " 7\n"), cache);
    assertEquals(5, first.size());
    for (int i = 0; i < first.size(); i++) {
      assertSame(first.get(i), second.get(i), "series " + i);
    }
    assertEquals(5, cache.size());
  }

  @Test
  void theSameBytesWrittenDifferentlyAreStillTheSameSeries() {
    SeriesCache cache = new SeriesCache(100);
    Series a = read(TEXT, "m{b=\"2\",a=\"1\"} 1\n", cache).get(0);
    Series b = read(TEXT, "m{a=\"1\",b=\"2\"} 1\n", cache).get(0);
    assertEquals(a, b);
    assertNotSame(a, b);
  }

  @Test
  void staysWithinItsCapacityAndStillParsesEverything() {
    SeriesCache cache = new SeriesCache(3);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      body.append("m{i=\"").append(i).append("\"} 1\n");
    }
    assertEquals(10, read(TEXT, body.toString(), cache).size());
    assertEquals(3, cache.size());
  }

  @Test
  void forgetsSeriesThatDisappear() {
    SeriesCache cache = new SeriesCache(1000);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      many.append("m{i=\"").append(i).append("\"} 1\n");
    }
    read(TEXT, many.toString(), cache);
    assertEquals(100, cache.size());
    read(TEXT, "m{i=\"1\"} 1\n", cache);
    assertEquals(1, cache.size());
  }

  @Test
  void aFormatChangeStartsAfresh() {
    SeriesCache cache = new SeriesCache(100);
    read(TEXT, "m{a=\"1\",} 1\n", cache);
    var om = new ExpositionReader(ExpositionFormat.OPENMETRICS, ParseLimits.DEFAULT);
    // The same series text, valid in the text format, must be checked again as OpenMetrics.
    org.junit.jupiter.api.Assertions.assertThrows(ExpositionParseException.class, () -> read(om, "m{a=\"1\",} 1\n# EOF\n", cache));
  }

  private static List<Series> read(ExpositionReader reader, String body, SeriesCache cache) {
    List<Series> out = new ArrayList<>();
    reader.read(body.getBytes(StandardCharsets.UTF_8), cache, (family, type, series, value, ts, exemplar) -> out.add(series));
    return out;
  }
}
