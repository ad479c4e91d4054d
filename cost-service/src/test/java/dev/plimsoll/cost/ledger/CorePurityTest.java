package dev.plimsoll.cost.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.purity.PurityScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards the pure core (STYLE.md §3): no framework type and no wall clock in {@code dev.plimsoll.cost.ledger} or below. */
class CorePurityTest {

  private static final Path CORE = Path.of("src/main/java/dev/plimsoll/cost/ledger");

  static Stream<String> forbidden() {
    List<String> all = new ArrayList<>(PurityScanner.FORBIDDEN);
    all.addAll(List.of());
    return all.stream();
  }

  @ParameterizedTest(name = "no \"{0}\" in the core")
  @MethodSource("forbidden")
  void coreDoesNotUse(String forbidden) {
    assertEquals(List.of(), PurityScanner.offenders(CORE, forbidden));
  }

  @Test
  void coreSourcesAreFound() {
    assertTrue(PurityScanner.sources(CORE).stream().anyMatch(p -> p.endsWith("Ledger.java")), "no Ledger.java under " + CORE.toAbsolutePath());
  }
}
