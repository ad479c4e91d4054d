package dev.plimsoll.exposition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parser throughput on one thread over the fixture corpus: MB/s and samples/s, with a fresh parse of
 * every label set ("cold", the first scrape of a target) and with each file's series cache warm (every
 * later scrape). Run by {@code deploy/local/bench-parser.sh}; not a unit test.
 *
 * <p>Usage: {@code ParserBenchmark FIXTURES_DIR [SECONDS_PER_MODE]}
 */
public final class ParserBenchmark {
  private ParserBenchmark() {}

  record Body(String name, byte[] bytes, ExpositionReader reader, SeriesCache cache) {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "exposition/src/test/resources/fixtures");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    List<Body> bodies = corpus(root);
    long bytes = bodies.stream().mapToLong(b -> b.bytes().length).sum();
    System.out.printf("corpus: %d exporter outputs, %.2f MB, %d samples per pass%n", bodies.size(), bytes / 1e6, samplesPerPass(bodies, false));
    System.out.printf("java %s, %s%n", System.getProperty("java.version"), System.getProperty("os.arch"));
    for (boolean warm : new boolean[] {false, true}) {
      run(bodies, warm, Math.max(2, seconds / 3), false); // warm-up of the JIT
      run(bodies, warm, seconds, true);
    }
  }

  private static void run(List<Body> bodies, boolean warm, double seconds, boolean print) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long bytes = 0;
    long samples = 0;
    int passes = 0;
    long start = System.nanoTime();
    while (System.nanoTime() < deadline) {
      for (Body b : bodies) {
        Counter c = new Counter();
        b.reader().read(b.bytes(), warm ? b.cache() : null, c);
        bytes += b.bytes().length;
        samples += c.samples;
      }
      passes++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (print) {
      System.out.printf("%-5s series: %8.1f MB/s %12.0f samples/s (%d passes in %.1f s)%n", warm ? "warm" : "cold",
          bytes / 1e6 / elapsed, samples / elapsed, passes, elapsed);
    }
  }

  private static long samplesPerPass(List<Body> bodies, boolean warm) {
    long n = 0;
    for (Body b : bodies) {
      Counter c = new Counter();
      b.reader().read(b.bytes(), warm ? b.cache() : null, c);
      n += c.samples;
    }
    return n;
  }

  /** Every file that parses in its own format (OpenMetrics when it ends with # EOF), OpenMetrics parser cases excluded. */
  static List<Body> corpus(Path root) throws IOException {
    List<Body> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(p).toString();
        if (rel.startsWith("openmetrics") || rel.endsWith(".md") || rel.contains("LICENSE") || rel.endsWith(".json")) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(p);
        for (ExpositionFormat format : List.of(ExpositionFormat.sniff(bytes, bytes.length), ExpositionFormat.PROMETHEUS_TEXT)) {
          ExpositionReader reader = new ExpositionReader(format, ParseLimits.DEFAULT);
          try {
            reader.read(bytes, null, new Counter());
            out.add(new Body(rel, bytes, reader, new SeriesCache(100_000)));
            break;
          } catch (ExpositionParseException e) {
            // not valid in this format; try the next
          }
        }
      }
    }
    return out;
  }

  /** Counts samples and folds values so that nothing is optimised away. */
  static final class Counter implements SampleSink {
    long samples;
    double sum;

    @Override
    public void sample(String family, MetricType type, Series series, double value, long timestampMillis, Exemplar exemplar) {
      samples++;
      sum += value + series.hashCode();
    }
  }
}
