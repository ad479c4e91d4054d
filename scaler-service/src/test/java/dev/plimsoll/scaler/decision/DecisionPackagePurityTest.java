package dev.plimsoll.scaler.decision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards the decision core (STYLE.md §3): no framework import and no clock of its own in any of its sources.
 * Reads the sources, so it needs no extra library (ArchUnit is not in the Quarkus BOM).
 */
class DecisionPackagePurityTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/plimsoll/scaler/decision");

  @ParameterizedTest(name = "no \"{0}\" in decision/")
  @CsvSource(delimiter = '|', textBlock = """
      # forbidden text
      import jakarta.
      import io.quarkus.
      import io.smallrye.
      import io.vertx.
      import io.micrometer.
      import org.hibernate.
      import com.fasterxml.
      import dev.plimsoll.scaler.policy
      import dev.plimsoll.scaler.target
      import dev.plimsoll.scaler.loop
      Instant.now(
      Clock.system
      System.currentTimeMillis(
      """)
  void decisionSourcesDoNotContain(String forbidden) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files = list.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertFalse(files.isEmpty(), "no sources found under " + SOURCES.toAbsolutePath());
    assertTrue(files.stream().anyMatch(p -> p.endsWith("ReplicaCalculator.java")));
    for (Path file : files) {
      assertFalse(Files.readString(file).contains(forbidden), file.getFileName() + " contains " + forbidden);
    }
  }
}
