package dev.plimsoll.promql.test;

/**
 * What happened to one {@code eval} of a promqltest file.
 *
 * @param file the file's name as given to the runner
 * @param line the 1-based line of the {@code eval} command
 * @param status passed, failed or skipped
 * @param reason why it failed or was skipped; empty when it passed
 * @param expr the evaluated expression
 */
public record EvalOutcome(String file, int line, Status status, String reason, String expr) {
  /** {@link #SKIPPED} means "not checked", never "fine": only {@link #PASSED} was compared. */
  public enum Status { PASSED, FAILED, SKIPPED }

  /** The command's output line: {@code file:line STATUS reason}. */
  public String format() {
    return file + ":" + line + " " + status + (reason.isEmpty() ? "" : " " + reason);
  }
}
