package dev.plimsoll.exposition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The fixture corpus copied into the test resources (see fixtures/ATTRIBUTION.md). */
final class Fixtures {
  private Fixtures() {}

  /** The root folder of the fixtures. */
  static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/ATTRIBUTION.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every exposition file of the corpus, relative to the root, sorted: exporter outputs and the OpenMetrics cases. */
  static List<String> expositionFiles() {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.endsWith(".md") && !p.contains("LICENSE") && !p.endsWith("test.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The exporter outputs: every exposition file that is not an OpenMetrics parser case. */
  static List<String> exporterOutputs() {
    return expositionFiles().stream().filter(p -> !p.startsWith("openmetrics/")).toList();
  }

  static byte[] read(String relative) {
    try {
      return Files.readAllBytes(root().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
