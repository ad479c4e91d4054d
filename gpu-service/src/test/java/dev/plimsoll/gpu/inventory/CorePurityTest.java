package dev.plimsoll.gpu.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards the pure core (STYLE.md §3): no framework type and no wall clock anywhere in {@code dev.plimsoll.gpu.inventory}
 * or its subpackages. Reads the sources (ArchUnit is not in the Quarkus BOM): any occurrence of a forbidden text
 * outside comment lines counts, so {@code import static} and fully qualified names are caught as well as imports.
 */
class CorePurityTest {

  private static final Path CORE = Path.of("src/main/java/dev/plimsoll/gpu/inventory");

  @ParameterizedTest(name = "no \"{0}\" in the inventory core")
  @CsvSource(delimiter = '|', textBlock = """
      jakarta.
      io.quarkus.
      io.smallrye.
      io.vertx.
      io.fabric8.
      org.hibernate.
      io.micrometer.
      Instant.now(
      System.currentTimeMillis(
      LocalDateTime.now(
      Clock.systemUTC(
      Clock.systemDefaultZone(
      """)
  void coreDoesNotUse(String forbidden) {
    assertEquals(List.of(), offenders(CORE, forbidden));
  }

  @Test
  void coreSourcesAreFound() {
    List<Path> sources = sources(CORE);
    assertTrue(sources.stream().anyMatch(p -> p.endsWith("Inventory.java")), "sources found under " + CORE.toAbsolutePath() + ": " + sources);
  }

  /** The scanner itself: code lines count wherever the text appears, comment lines do not. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # source line                                                    | forbidden               | flagged
      import io.quarkus.runtime.LaunchMode;                            | io.quarkus.             | true
      import static io.quarkus.runtime.LaunchMode.NORMAL;              | io.quarkus.             | true
      var mode = io.quarkus.runtime.LaunchMode.current();              | io.quarkus.             | true
      @jakarta.inject.Inject Object x;                                 | jakarta.                | true
      long t = System.currentTimeMillis();                             | System.currentTimeMillis( | true
      var d = java.time.LocalDateTime.now();                           | LocalDateTime.now(      | true
      Instant now = Instant.now();                                     | Instant.now(            | true
      Clock c = Clock.systemUTC();                                     | Clock.systemUTC(        | true
      Instant at = clock.instant();                                    | Instant.now(            | false
      // io.quarkus. is named in a line comment                       | io.quarkus.             | false
      * {@link jakarta.inject.Inject} in a javadoc line              | jakarta.                | false
      /** Instant.now( in a block comment */                           | Instant.now(            | false
      """)
  void scannerFlagsCodeLinesOnly(String line, String forbidden, boolean flagged) {
    assertEquals(flagged, uses(line, forbidden));
  }

  @Test
  void scannerWalksSubpackages(@TempDir Path root) throws IOException {
    Path nested = Files.createDirectories(root.resolve("sub/deeper"));
    Files.writeString(root.resolve("Clean.java"), "package x;\n// io.vertx. only in a comment\nclass Clean {}\n");
    Files.writeString(nested.resolve("Dirty.java"), "package x.sub.deeper;\n\nimport static io.vertx.core.Future.succeededFuture;\n");
    assertEquals(List.of("sub/deeper/Dirty.java:3"), offenders(root, "io.vertx."));
  }

  /** {@code file:line} of every code line (not a comment line) under {@code root} that contains {@code forbidden}. */
  static List<String> offenders(Path root, String forbidden) {
    List<String> found = new ArrayList<>();
    for (Path file : sources(root)) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (int i = 0; i < lines.size(); i++) {
        if (uses(lines.get(i), forbidden)) {
          found.add(root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1));
        }
      }
    }
    return found;
  }

  /** Whether a source line uses the text: lines starting with {@code //}, {@code /*} or {@code *} are comments. */
  static boolean uses(String line, String forbidden) {
    String code = line.strip();
    boolean comment = code.startsWith("//") || code.startsWith("/*") || code.startsWith("*");
    return !comment && code.contains(forbidden);
  }

  /** Every {@code .java} file under {@code root}, subpackages included, in a stable order. */
  static List<Path> sources(Path root) {
    assertTrue(Files.isDirectory(root), "no directory " + root.toAbsolutePath());
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
      assertFalse(files.isEmpty(), "no sources under " + root.toAbsolutePath());
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
