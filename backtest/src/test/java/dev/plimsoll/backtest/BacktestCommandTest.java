package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plimsoll.fleet.ModelProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BacktestCommandTest {
  @TempDir
  Path dir;

  @Test
  void defaultsWhereOnlyTheTraceIsGiven() throws Exception {
    BacktestCommand.Options o = BacktestCommand.Options.parse("trace.csv").orElseThrow();
    assertEquals(Path.of("trace.csv"), o.trace());
    assertEquals(ModelProfile.LLAMA_3_1_8B_H100, o.profile());
    assertEquals(1, o.timeScale());
    assertEquals(64, o.maxGpus());
    assertNull(o.ttft());
    assertNull(o.e2e());
    assertNull(o.out());
    assertEquals(0, o.from());
    assertEquals(Double.POSITIVE_INFINITY, o.to());
    assertEquals(Baselines.Targets.DEFAULT, o.targets());
    assertEquals(Backtest.TERMINATION_GRACE_SECONDS, o.terminationGrace());
    assertTrue(!o.sweep());
  }

  @Test
  void everyOptionInAnyOrder() throws Exception {
    BacktestCommand.Options o = BacktestCommand.Options.parse("--profile", "llama-3.1-70b-a100x4", "--time-scale", "0.5", "t.jsonl",
        "--max-gpus", "256", "--ttft", "4.5", "--e2e", "120", "--out", "results", "--from", "3600", "--to", "7200.5", "--work-load-target", "0.8", "--e2e-load-target", "1",
        "--termination-grace", "90").orElseThrow();
    assertEquals(0, BacktestCommand.Options.parse("t.csv", "--from", "0.0").orElseThrow().from());
    assertEquals(3600, o.from());
    assertEquals(7200.5, o.to());
    assertEquals(ModelProfile.LLAMA_3_1_70B_A100X4, o.profile());
    assertEquals(0.5, o.timeScale());
    assertEquals(256, o.maxGpus());
    assertEquals(4.5, o.ttft());
    assertEquals(120, o.e2e());
    assertEquals(Path.of("results"), o.out());
    assertEquals(Path.of("t.jsonl"), o.trace());
    assertEquals(new Baselines.Targets(0.8, 1), o.targets());
    assertEquals(90, o.terminationGrace());
    assertTrue(BacktestCommand.Options.parse("--sweep", "t.csv", "--profile", "llama-3.1-8b-a100").orElseThrow().sweep());
    assertEquals(0, BacktestCommand.Options.parse("t.csv", "--termination-grace", "0").orElseThrow().terminationGrace());
  }

  @Test
  void helpWinsOverEverythingElse() throws Exception {
    assertTrue(BacktestCommand.Options.parse("t.csv", "--help").isEmpty());
    assertTrue(BacktestCommand.Options.parse("-h").isEmpty());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "''                                          | a trace file is required",
      "--profile llama-3.1-8b-a100                 | a trace file is required",
      "a.csv b.csv                                 | one trace file only, got a.csv and b.csv",
      "t.csv --profile                             | --profile needs a value",
      "t.csv --profile gpt-5                       | unknown profile gpt-5; known: llama-3.1-8b-h100, llama-3.1-8b-a100, llama-3.1-70b-h100x4, llama-3.1-70b-a100x4",
      "t.csv --time-scale fast                     | --time-scale must be a number, got fast",
      "t.csv --time-scale 0                        | --time-scale must be a finite number > 0, got 0",
      "t.csv --time-scale NaN                      | --time-scale must be a finite number > 0, got NaN",
      "t.csv --ttft -1                             | --ttft must be a finite number > 0, got -1",
      "t.csv --e2e Infinity                        | --e2e must be a finite number > 0, got Infinity",
      "t.csv --max-gpus 1.5                        | --max-gpus must be a whole number, got 1.5",
      "t.csv --max-gpus 0                          | --max-gpus must be > 0, got 0",
      "t.csv --max-gpus 2 --profile llama-3.1-70b-h100x4 | --max-gpus 2 cannot hold one replica of llama-3.1-70b-h100x4 (4 GPUs)",
      "t.csv --speed 2                             | unknown option --speed",
      "t.csv --bogus                               | unknown option --bogus",
      "t.csv --from=5                              | unknown option --from=5",
      "t.csv --from -5                             | --from must be a finite number >= 0, got -5",
      "t.csv --max-gpus 2147483647                 | --max-gpus must be at most 100000, got 2147483647",
      "t.csv --time-scale 1001                     | --time-scale must be at most 1000, got 1001",
      "t.csv --ttft 1e6                            | --ttft must be below 1000000 s, got 1000000",
      "t.csv --from 100 --to 100                   | --to 100 must be after --from 100",
      "t.csv --to 0.5 --from 1                     | --to 0.5 must be after --from 1",
      "t.csv --work-load-target 0                  | --work-load-target must be a finite number > 0, got 0",
      "t.csv --work-load-target 1.2                | --work-load-target must be at most 1, got 1.2",
      "t.csv --e2e-load-target none                | --e2e-load-target must be a number, got none",
      "t.csv --e2e-load-target -0.5                | --e2e-load-target must be a finite number >= 0, got -0.5",
      "t.csv --termination-grace -1                | --termination-grace must be a finite number >= 0, got -1",
      "t.csv --termination-grace 3601              | --termination-grace must be at most 3600, got 3601",
      "t.csv --termination-grace 30s               | --termination-grace must be a number, got 30s",
      "t.csv --sweep --e2e-load-target 0.9         | --sweep tries its own load targets: leave out --work-load-target and --e2e-load-target",
      "t.csv --work-load-target 0.9 --sweep        | --sweep tries its own load targets: leave out --work-load-target and --e2e-load-target",
  })
  void wrongCommandLinesSayWhatIsWrong(String line, String message) {
    String[] args = line.isBlank() ? new String[0] : line.trim().split("\\s+");
    BacktestCommand.UsageException e = assertThrows(BacktestCommand.UsageException.class, () -> BacktestCommand.Options.parse(args));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aWrongCommandLineExitsWithTwoAndTheUsage() {
    Run r = run("t.csv", "--max-gpus", "x");
    assertEquals(2, r.status);
    assertTrue(r.err.startsWith("backtest: --max-gpus must be a whole number, got x\n"), r.err);
    assertTrue(r.err.contains("usage: backtest TRACE [--profile"), r.err);
    assertEquals("", r.out);
  }

  @Test
  void helpPrintsTheUsageAndExitsWithZero() {
    Run r = run("--help");
    assertEquals(0, r.status);
    assertTrue(r.out.startsWith("usage: backtest"), r.out);
  }

  @Test
  void aMissingTraceIsNamedWithoutAStackTrace() {
    Path missing = dir.resolve("nope.csv");
    Run r = run(missing.toString());
    assertEquals(1, r.status);
    assertEquals(missing + ": no such file", r.err.strip());
  }

  @Test
  void aMalformedRowIsNamedWithItsLine() throws IOException {
    Path trace = dir.resolve("bad.csv");
    Files.writeString(trace, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:50.9951690,many,109\n");
    Run r = run(trace.toString());
    assertEquals(1, r.status);
    assertTrue(r.err.startsWith(trace + ": ") && r.err.contains("line 3"), r.err);
  }

  @Test
  void aFileInNoKnownFormatIsNamedOnLineOne() throws IOException {
    Path trace = dir.resolve("other.csv");
    Files.writeString(trace, "id,when,tokens\n1,2,3\n");
    Run r = run(trace.toString());
    assertEquals(1, r.status);
    assertTrue(r.err.startsWith(trace + ": line 1: not a trace this reads"), r.err);
  }

  @Test
  void aWindowWithoutRequestsIsAnError() throws IOException {
    Path trace = dir.resolve("short.csv");
    Files.writeString(trace, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.0,374,44\n2023-11-16 18:16:46.0,374,44\n");
    Run r = run(trace.toString(), "--from", "600");
    assertEquals(1, r.status);
    assertEquals(trace + ": no requests arrive between --from and --to (its requests span 60 s)", r.err.strip());
  }

  @Test
  void aTraceSpanningMoreThanAMonthIsRefusedWithTheWayOut() throws IOException {
    Path trace = dir.resolve("long.csv");
    Files.writeString(trace, "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n0,ChatGPT,1,1,2,x\n3e9,ChatGPT,1,1,2,x\n");
    Run r = run(trace.toString());
    assertEquals(1, r.status);
    assertEquals(trace + ": the requests span 3000000000 s, more than the 2678400 s (31 days) a backtest replays; replay a window of it"
        + " with --from and --to", r.err.strip());
    assertEquals(0, run(trace.toString(), "--to", "60", "--out", dir.resolve("o").toString()).status, "a window of it replays");
  }

  @Test
  void anEmptyTraceIsAnErrorNotATable() throws IOException {
    Path trace = dir.resolve("empty.csv");
    Files.writeString(trace, "TIMESTAMP,ContextTokens,GeneratedTokens\n");
    Run r = run(trace.toString());
    assertEquals(1, r.status);
    assertEquals(trace + ": the trace has no requests", r.err.strip());
  }

  @Test
  void aComparisonPrintsEveryRowAndWritesItsFiles() throws IOException {
    Path trace = smallTrace(240); // four minutes
    Path out = dir.resolve("results");
    Run r = run(trace.toString(), "--out", out.toString(), "--ttft", "3", "--from", "20");
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.startsWith("small.csv: 220 requests over 219 s;"), r.out);
    assertTrue(r.err.lines().anyMatch(l -> l.matches("… fixed \\d+ replica\\(s\\): 100\\.0 % of minutes")), r.err);
    assertTrue(r.err.lines().anyMatch(l -> l.startsWith("… plan: segment 1 of 1,")), r.err);
    assertTrue(r.out.contains("SLO: TTFT p95 <= 3.0 s"), r.out);
    for (String row : new String[] {"oracle-bound ", "best-fixed-", "best-plan ", "plimsoll ", "hpa-utilization ", "keda-queue ",
        "knative-kpa "}) { // best-fixed-N and best-plan with figures, not "no count meets the SLO"
      assertTrue(r.out.lines().anyMatch(l -> l.startsWith(row) && l.matches(".* \\d+\\.\\d{3} .*")), row + " missing from\n" + r.out);
    }
    // Each row against the bound and against the better schedule found with hindsight, the optimum between the two.
    assertTrue(r.out.lines().anyMatch(l -> l.matches("autoscaler +GPU-hours +× bound +× hindsight +minutes +requests .*")), r.out);
    double best = Math.min(column(r.out, "best-fixed-", 1), column(r.out, "best-plan ", 1));
    for (String row : new String[] {"oracle-bound ", "best-fixed-", "best-plan ", "plimsoll ", "keda-queue "}) { // printed rounded
      assertEquals(column(r.out, row, 1) / best, column(r.out, row, 3), 0.011, row);
      assertEquals(column(r.out, row, 1) / column(r.out, "oracle-bound ", 1), column(r.out, row, 2), 0.011, row);
    }
    String comparison = Files.readString(out.resolve("comparison.txt"));
    assertTrue(r.out.startsWith(comparison), "comparison.txt holds the table as printed");
    assertTrue(Files.readString(out.resolve("timeline.csv")).startsWith("autoscaler,at,replicas,ready,queue_depth,running\n"));
    assertTrue(Files.readString(out.resolve("timeline.json")).contains("\"plimsoll\":[{\"at\":"));
    byte[] png = Files.readAllBytes(out.resolve("replicas.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
  }

  /** Column {@code k} (0: the name) of the first row of {@code out} that starts with {@code row}, as a number. */
  private static double column(String out, String row, int k) {
    String line = out.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow(() -> new AssertionError(row + " missing from\n" + out));
    return Double.parseDouble(line.trim().split("\\s+")[k]);
  }

  @Test
  void aSweepPrintsARowPerPairOfTargetsAndTheCheapestThatMetTheSlo() throws IOException {
    Path trace = smallTrace(180); // three minutes
    Path out = dir.resolve("swept");
    Run r = run(trace.toString(), "--sweep", "--ttft", "3", "--out", out.toString());
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("\nsweep: plimsoll with work_load's target (w) from 0.60 to 1 and e2e_load's (e) off or from 0.60 to 1, in steps"
        + " of 0.05 (90 replays)\n"), r.out);
    assertEquals(90, r.out.lines().filter(l -> l.matches("w \\d\\.\\d\\d e (off|\\d\\.\\d\\d) +\\d+\\.\\d{3} .*")).count(), r.out);
    assertTrue(r.out.lines().anyMatch(l -> l.startsWith("w 0.80 e 0.80 ")), r.out);
    assertTrue(r.out.endsWith("wrote comparison.txt, timeline.csv, timeline.json, replicas.png, sweep.csv and sweep.png to " + out + "\n"), r.out);
    List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
    assertEquals("work_load_target,e2e_load_target,gpu_hours,minute_attainment,request_attainment", rows.get(0));
    assertEquals(91, rows.size());
    assertTrue(rows.get(1).startsWith("0.60,0.60,"), rows.get(1));
    assertTrue(rows.get(10).startsWith("0.60,0.00,"), rows.get(10));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(out.resolve("sweep.png")), 4));
    List<String> table = r.out.lines().toList();
    String last = table.get(table.size() - 2);
    assertTrue(last.matches("cheapest meeting the SLO: work_load \\d\\.\\d+(, e2e_load \\d\\.\\d+)?, \\d+\\.\\d{3} GPU-hours, \\d+\\.\\d\\d× the"
        + " bound, \\d+\\.\\d\\d× the best schedule found with hindsight \\((best-fixed-\\d+|best-plan), \\d+\\.\\d{3}\\)"), last);
  }

  @Test
  void anOutDirectoryThatCannotBeMadeFailsBeforeTheRuns() throws IOException {
    Path trace = dir.resolve("one.csv");
    Files.writeString(trace, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Run r = run(trace.toString(), "--out", file.toString());
    assertEquals(1, r.status);
    assertTrue(r.err.startsWith(file + ": cannot write the results"), r.err);
    assertEquals("", r.out);
  }

  /** {@code small.csv}: an Azure trace of one request a second for {@code seconds} (under an hour), its sizes varied. */
  private Path smallTrace(int seconds) throws IOException {
    StringBuilder csv = new StringBuilder("TIMESTAMP,ContextTokens,GeneratedTokens\n");
    for (int i = 0; i < seconds; i++) {
      csv.append(String.format(Locale.ROOT, "2023-11-16 18:%02d:%02d.0000000,%d,%d%n", 15 + i / 60, i % 60, 500 + 37 * (i % 11), 80 + 13 * (i % 7)));
    }
    return Files.writeString(dir.resolve("small.csv"), csv);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = BacktestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
