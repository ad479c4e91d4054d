package dev.plimsoll.promql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.promql.test.EvalOutcome.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prometheus' own promqltest files (see {@code promqltest/ATTRIBUTION.md}): no eval may fail. Skipped
 * evals use features outside the subset; the counts are printed so a shrinking pass count shows up.
 */
class PromqlTestFilesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aggregators.test", "literals.test", "operators.test", "range_queries.test", "selectors.test",
      "staleness.test"})
  void noEvalFails(String file) throws IOException {
    String content;
    try (InputStream in = getClass().getResourceAsStream("/promqltest/" + file)) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<EvalOutcome> outcomes = new PromqlTestRunner().run(file, content);
    Map<Status, Integer> c = PromqlTestRunner.count(outcomes);
    System.out.printf("%-20s passed=%d failed=%d skipped=%d%n", file, c.get(Status.PASSED), c.get(Status.FAILED),
        c.get(Status.SKIPPED));
    String failures = outcomes.stream().filter(o -> o.status() == Status.FAILED).map(EvalOutcome::format)
        .collect(Collectors.joining("\n"));
    assertEquals("", failures);
    assertTrue(c.get(Status.PASSED) > 0, "every file has in-subset evals");
  }
}
