package dev.plimsoll.purity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurityScannerTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # source line                                                    | forbidden                 | flagged
      import io.quarkus.runtime.LaunchMode;                            | io.quarkus.               | true
      import static io.quarkus.runtime.LaunchMode.NORMAL;              | io.quarkus.               | true
      var mode = io.quarkus.runtime.LaunchMode.current();              | io.quarkus.               | true
      @jakarta.inject.Inject Object x;                                 | jakarta.                  | true
      long t = System.currentTimeMillis();                             | System.currentTimeMillis( | true
      var d = java.time.LocalDateTime.now();                           | LocalDateTime.now(        | true
      Instant now = Instant.now();                                     | Instant.now(              | true
      Clock c = Clock.systemUTC();                                     | Clock.systemUTC(          | true
      Instant at = clock.instant();                                    | Instant.now(              | false
      // io.quarkus. is named in a line comment                       | io.quarkus.               | false
      * {@link jakarta.inject.Inject} in a javadoc line              | jakarta.                  | false
      /** Instant.now( in a block comment */                           | Instant.now(              | false
      """)
  void flagsCodeLinesOnly(String line, String forbidden, boolean flagged) {
    assertEquals(flagged, PurityScanner.uses(line, forbidden));
  }

  @Test
  void walksSubpackages(@TempDir Path root) throws IOException {
    Path nested = Files.createDirectories(root.resolve("sub/deeper"));
    Files.writeString(root.resolve("Clean.java"), "package x;\n// io.vertx. only in a comment\nclass Clean {}\n");
    Files.writeString(nested.resolve("Dirty.java"), "package x.sub.deeper;\n\nimport static io.vertx.core.Future.succeededFuture;\n");
    assertEquals(List.of("sub/deeper/Dirty.java:3"), PurityScanner.offenders(root, "io.vertx."));
    assertEquals(List.of(), PurityScanner.offenders(root, "io.quarkus."));
  }

  @Test
  void missingOrEmptyCoreFailsLoudly(@TempDir Path root) {
    assertThrows(IllegalStateException.class, () -> PurityScanner.sources(root.resolve("absent")));
    assertThrows(IllegalStateException.class, () -> PurityScanner.sources(root));
  }
}
