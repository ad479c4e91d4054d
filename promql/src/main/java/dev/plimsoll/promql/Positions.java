package dev.plimsoll.promql;

/** Turns a character offset into Prometheus' {@code line:column} form (both 1-based). */
public final class Positions {
  private Positions() {}

  public static String lineColumn(String query, int position) {
    if (query == null || position < 0) {
      return "1:1";
    }
    int line = 1;
    int column = 1;
    int end = Math.min(position, query.length());
    for (int i = 0; i < end; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return line + ":" + column;
  }
}
