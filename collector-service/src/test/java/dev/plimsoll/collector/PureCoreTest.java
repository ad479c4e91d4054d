package dev.plimsoll.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cores stay plain Java: no framework imports and no clock of their own (STYLE.md §3). */
class PureCoreTest {
  private static final List<String> FORBIDDEN = List.of("import jakarta.", "import io.quarkus.", "import io.smallrye.", "import io.vertx.",
      "Instant.now(", "System.currentTimeMillis(", "Clock.system");

  @ParameterizedTest
  @ValueSource(strings = {"parse", "window", "signal", "snapshot/SnapshotAssembler.java"})
  void hasNoFrameworkImportsAndNoClock(String location) throws IOException {
    Path root = Path.of("src/main/java/dev/plimsoll/collector").resolve(location);
    List<Path> sources;
    try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
      sources = files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).toList();
    }
    assertTrue(!sources.isEmpty(), "no sources under " + root.toAbsolutePath());
    List<String> offending = sources.stream().flatMap(f -> {
        try {
          return Files.readAllLines(f).stream().filter(l -> FORBIDDEN.stream().anyMatch(l::contains)).map(l -> f.getFileName() + ": " + l);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    assertEquals(List.of(), offending);
  }
}
