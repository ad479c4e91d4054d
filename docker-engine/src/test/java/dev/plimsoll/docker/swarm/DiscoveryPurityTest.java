package dev.plimsoll.docker.swarm;

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
 * Guards the pure discovery (STYLE.md §3): {@code dev.plimsoll.docker.swarm} uses no framework, no clock and no I/O,
 * so the collector can call it on any thread and tests need no daemon. The client in the parent package does the I/O.
 */
class DiscoveryPurityTest {

  private static final Path CORE = Path.of("src/main/java/dev/plimsoll/docker/swarm");

  static Stream<String> forbidden() {
    List<String> all = new ArrayList<>(PurityScanner.FORBIDDEN);
    all.addAll(List.of("java.nio.channels", "java.nio.file", "java.net.Socket", "java.net.http", "java.io.File", "System.getenv", "dev.plimsoll.docker.DockerEngine"));
    return all.stream();
  }

  @ParameterizedTest(name = "no \"{0}\" in discovery")
  @MethodSource("forbidden")
  void discoveryDoesNotUse(String forbidden) {
    assertEquals(List.of(), PurityScanner.offenders(CORE, forbidden));
  }

  @Test
  void discoverySourcesAreFound() {
    assertTrue(PurityScanner.sources(CORE).stream().anyMatch(p -> p.endsWith("SwarmTargets.java")), "no SwarmTargets.java under " + CORE.toAbsolutePath());
  }
}
