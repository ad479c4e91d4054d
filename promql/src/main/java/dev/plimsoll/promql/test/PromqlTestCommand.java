package dev.plimsoll.promql.test;

import dev.plimsoll.promql.test.EvalOutcome.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java dev.plimsoll.promql.test.PromqlTestCommand FILE.test...}: runs promqltest files against
 * the engine, prints {@code file:line PASSED|FAILED|SKIPPED reason} per eval and a
 * {@code passed=N failed=N skipped=N} summary. Exit status 0 when nothing failed, 1 when an eval failed,
 * 2 on bad usage or an unreadable file.
 */
public final class PromqlTestCommand {
  private PromqlTestCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command without {@code System.exit}, for tests. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      err.println("usage: PromqlTestCommand FILE.test [FILE.test...]");
      return 2;
    }
    var all = new ArrayList<EvalOutcome>();
    for (String arg : args) {
      Path p = Path.of(arg);
      String content;
      try {
        content = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        err.println("cannot read " + arg + ": " + e.getMessage());
        return 2;
      }
      List<EvalOutcome> outcomes = new PromqlTestRunner().run(p.getFileName().toString(), content);
      for (EvalOutcome o : outcomes) {
        out.println(o.format());
      }
      all.addAll(outcomes);
    }
    Map<Status, Integer> c = PromqlTestRunner.count(all);
    out.println("passed=" + c.get(Status.PASSED) + " failed=" + c.get(Status.FAILED) + " skipped=" + c.get(Status.SKIPPED));
    return c.get(Status.FAILED) > 0 ? 1 : 0;
  }
}
