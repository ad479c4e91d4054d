package dev.plimsoll.scaler.decision;

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

/** Guards the pure core (STYLE.md §3): no framework type and no wall clock in {@code dev.plimsoll.scaler.decision} or below, and no adapter package of the scaler. */
class DecisionPackagePurityTest {

  private static final Path CORE = Path.of("src/main/java/dev/plimsoll/scaler/decision");

  static Stream<String> forbidden() {
    List<String> all = new ArrayList<>(PurityScanner.FORBIDDEN);
    all.addAll(List.of("com.fasterxml.", "dev.plimsoll.scaler.policy.", "dev.plimsoll.scaler.target.", "dev.plimsoll.scaler.loop.", "dev.plimsoll.scaler.audit.", "dev.plimsoll.scaler.web."));
    return all.stream();
  }

  @ParameterizedTest(name = "no \"{0}\" in the core")
  @MethodSource("forbidden")
  void coreDoesNotUse(String forbidden) {
    assertEquals(List.of(), PurityScanner.offenders(CORE, forbidden));
  }

  @Test
  void coreSourcesAreFound() {
    assertTrue(PurityScanner.sources(CORE).stream().anyMatch(p -> p.endsWith("Decided.java")), "no Decided.java under " + CORE.toAbsolutePath());
  }
}
