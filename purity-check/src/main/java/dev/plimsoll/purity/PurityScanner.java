package dev.plimsoll.purity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Guards a pure core (STYLE.md §3) by reading its sources (ArchUnit is not in the Quarkus BOM): any
 * occurrence of a forbidden text on a code line counts, so {@code import static} and fully qualified
 * names are caught as well as imports; lines starting with {@code //}, {@code /*} or {@code *} are comments.
 */
public final class PurityScanner {

  /** Framework packages and wall-clock calls no pure core may use. */
  public static final List<String> FORBIDDEN = List.of(
      "jakarta.", "io.quarkus.", "io.smallrye.", "io.vertx.", "io.fabric8.", "org.hibernate.", "io.micrometer.",
      "Instant.now(", "System.currentTimeMillis(", "LocalDateTime.now(", "Clock.systemUTC(", "Clock.systemDefaultZone(");

  private PurityScanner() {}

  /** {@code file:line} (relative to {@code root}) of every code line under {@code root} that contains {@code forbidden}. */
  public static List<String> offenders(Path root, String forbidden) {
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

  /** Whether a source line uses the text outside a comment line. */
  public static boolean uses(String line, String forbidden) {
    String code = line.strip();
    boolean comment = code.startsWith("//") || code.startsWith("/*") || code.startsWith("*");
    return !comment && code.contains(forbidden);
  }

  /**
   * Every {@code .java} file under {@code root}, subpackages included, in a stable order.
   *
   * @throws IllegalStateException when {@code root} is not a directory or holds no source, so a moved
   *     package can never make the check pass vacuously
   */
  public static List<Path> sources(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("no directory " + root.toAbsolutePath());
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
      if (files.isEmpty()) {
        throw new IllegalStateException("no sources under " + root.toAbsolutePath());
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
