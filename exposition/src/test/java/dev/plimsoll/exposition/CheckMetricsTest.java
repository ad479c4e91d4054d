package dev.plimsoll.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command-line check: JSON out, line:column and exit 1 on invalid input, exit 2 on misuse. */
class CheckMetricsTest {

  record Result(int status, String out, String err) {}

  @Test
  void printsFamiliesAsJsonForValidInputFromStandardInput() {
    Result r = run("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\nup 1\n", "-");
    assertEquals(0, r.status());
    assertEquals("""
        {"format":"text","valid":true,"familyCount":2,"sampleCount":4,"families":[
          {"name":"h","type":"histogram","samples":3},
          {"name":"up","type":"untyped","samples":1}
        ]}
        """, r.out());
  }

  @Test
  void readsAFileAndDetectsOpenMetrics() {
    String file = Fixtures.root().resolve("prometheus-textparse/1histogram.om.txt").toString();
    Result r = run("", file);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("{\"format\":\"openmetrics\",\"valid\":true,\"familyCount\":1,\"sampleCount\":42"), r.out());
  }

  @Test
  void invalidInputExitsOneWithLineAndColumn() {
    Result r = run("ok 1\nbad{x=1} 2\n", "-");
    assertEquals(1, r.status());
    assertEquals("stdin:2:7: expected '\"' to start the value of label 'x'\n", r.err());
    assertTrue(r.out().contains("\"valid\":false,\"error\":{\"line\":2,\"column\":7"), r.out());
  }

  @Test
  void misuseExitsTwo() {
    assertEquals(2, run("", "/no/such/file").status());
    assertEquals(2, run("", "--format", "yaml", "-").status());
    assertEquals(2, run("", "--frobnicate").status());
    assertEquals(0, run("", "--help").status());
  }

  private static Result run(String stdin, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = CheckMetrics.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
