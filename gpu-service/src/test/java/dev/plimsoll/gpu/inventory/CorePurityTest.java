package dev.plimsoll.gpu.inventory;

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

/**
 * Guards the pure cores (STYLE.md §3): no framework type, no wall clock and no Kubernetes client type in
 * {@code dev.plimsoll.gpu.inventory}, {@code dev.plimsoll.gpu.cluster} and {@code dev.plimsoll.gpu.dcgm}.
 */
class CorePurityTest {

  private static final Path CORE = Path.of("src/main/java/dev/plimsoll/gpu/inventory");
  private static final Path CLUSTER = Path.of("src/main/java/dev/plimsoll/gpu/cluster");
  private static final Path DCGM = Path.of("src/main/java/dev/plimsoll/gpu/dcgm");

  static Stream<String> forbidden() {
    List<String> all = new ArrayList<>(PurityScanner.FORBIDDEN);
    all.addAll(List.of("io.fabric8.", "com.fasterxml."));
    return all.stream();
  }

  @ParameterizedTest(name = "no \"{0}\" in the core")
  @MethodSource("forbidden")
  void coreDoesNotUse(String forbidden) {
    assertEquals(List.of(), PurityScanner.offenders(CORE, forbidden));
    assertEquals(List.of(), PurityScanner.offenders(CLUSTER, forbidden));
    assertEquals(List.of(), PurityScanner.offenders(DCGM, forbidden));
  }

  @Test
  void coreSourcesAreFound() {
    assertTrue(PurityScanner.sources(CORE).stream().anyMatch(p -> p.endsWith("Inventory.java")), "no Inventory.java under " + CORE.toAbsolutePath());
    assertTrue(PurityScanner.sources(CLUSTER).stream().anyMatch(p -> p.endsWith("Placement.java")), "no Placement.java under " + CLUSTER);
  }
}
