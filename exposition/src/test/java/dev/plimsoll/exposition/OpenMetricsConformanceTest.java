package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The OpenMetrics project's own parser suite (prometheus/OpenMetrics tests/testdata/parsers): every
 * case's {@code test.json} says whether its {@code metrics} must parse; the parser must agree on all.
 */
class OpenMetricsConformanceTest {
  private static final Pattern SHOULD_PARSE = Pattern.compile("\"shouldParse\"\\s*:\\s*(true|false)");

  @TestFactory
  Stream<DynamicTest> agreesWithEveryCase() throws IOException {
    return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      boolean shouldParse = shouldParse(dir);
      byte[] body = Files.readAllBytes(dir.resolve("metrics"));
      try {
        ExpositionParser.openMetrics().parse(body);
        if (!shouldParse) {
          fail("parsed, but the case says it must not");
        }
      } catch (ExpositionParseException e) {
        if (shouldParse) {
          fail("rejected a valid case: " + e.getMessage());
        }
        assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
      }
    }));
  }

  @Test
  void theSuiteIsThereAndHasBothKindsOfCase() throws IOException {
    List<Path> cases = cases();
    long valid = cases.stream().filter(OpenMetricsConformanceTest::shouldParse).count();
    assertEquals(159, cases.size(), "cases copied from the OpenMetrics suite");
    assertTrue(valid > 20 && cases.size() - valid > 100, "valid " + valid + " of " + cases.size());
  }

  private static List<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(Fixtures.root().resolve("openmetrics/parsers"))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static boolean shouldParse(Path dir) {
    try {
      Matcher m = SHOULD_PARSE.matcher(Files.readString(dir.resolve("test.json")));
      if (!m.find()) {
        throw new IllegalStateException(dir + "/test.json has no shouldParse");
      }
      return Boolean.parseBoolean(m.group(1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
