package dev.plimsoll.gpu.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Guards the pure core: no framework imports and no wall clock in {@code dev.plimsoll.gpu.inventory}. */
class CorePurityTest {

  private static final Path CORE = Path.of("src/main/java/dev/plimsoll/gpu/inventory");

  @ParameterizedTest(name = "no {0} in the inventory core")
  @CsvSource({"import jakarta.", "import io.quarkus.", "import io.smallrye.", "import io.vertx.", "import org.hibernate.",
      "Instant.now(", "Clock.system"})
  void coreDoesNotUse(String forbidden) throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.list(CORE)) {
      offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
        try {
          return Files.readString(f).contains(forbidden);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).map(f -> f.getFileName().toString()).toList();
    }
    assertEquals(List.of(), offenders);
  }
}
