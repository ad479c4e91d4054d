package dev.plimsoll.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cores stay plain Java (STYLE.md §3): no use of a framework package, whether imported (also
 * {@code import static}) or written out fully qualified, and no clock of their own. Comments and string
 * literals are ignored; every source file under a core package, subpackages included, is checked.
 */
class PureCoreTest {
  private static final Pattern FORBIDDEN = Pattern.compile(
      "(?<![\\w.])(?:jakarta|io\\s*\\.\\s*(?:quarkus|smallrye|vertx|micrometer))\\s*\\."
          + "|(?<![\\w.])(?:java\\s*\\.\\s*time\\s*\\.\\s*)?Instant\\s*\\.\\s*now\\s*\\("
          + "|(?<![\\w.])(?:java\\s*\\.\\s*lang\\s*\\.\\s*)?System\\s*\\.\\s*currentTimeMillis\\s*\\("
          + "|(?<![\\w.])(?:java\\s*\\.\\s*time\\s*\\.\\s*)?Clock\\s*\\.\\s*system");

  @ParameterizedTest
  @ValueSource(strings = {"store/TargetWriter.java", "store/TargetLabels.java", "signal/SignalDefinition.java", "signal/DefaultSignals.java",
      "signal/SignalEvaluator.java", "shard", "failure", "snapshot/SnapshotAssembler.java"})
  void hasNoFrameworkUseAndNoClock(String location) throws IOException {
    Path root = Path.of("src/main/java/dev/plimsoll/collector").resolve(location);
    List<Path> sources;
    try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
      sources = files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).toList();
    }
    assertTrue(!sources.isEmpty(), "no sources under " + root.toAbsolutePath());
    List<String> offending = sources.stream().flatMap(f -> {
      try {
        return violations(Files.readString(f)).stream().map(v -> root.relativize(f) + ": " + v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
    assertEquals(List.of(), offending);
  }

  /** The scanner itself: it must catch every form of use and ignore comments and strings. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      # case                                  | source                                                          | violations
      plain import                            | import jakarta.inject.Inject;                                   | 1
      static import                           | import static io.quarkus.runtime.LaunchMode.NORMAL;             | 1
      fully qualified type                    | class A { io.smallrye.mutiny.Uni<String> u; }                   | 1
      fully qualified annotation              | @jakarta.enterprise.context.ApplicationScoped class A {}       | 1
      fully qualified call                    | class A { Object v = io.vertx.core.Vertx.vertx(); }             | 1
      micrometer                              | import io.micrometer.core.instrument.Counter;                   | 1
      the clock                               | class A { Object t = Instant.now(); }                           | 1
      the clock, qualified                    | class A { Object t = java.time.Instant.now(); }                 | 1
      the clock, spaced                       | class A { long t = System . currentTimeMillis (); }             | 1
      system clock                            | class A { Object c = Clock.systemUTC(); }                       | 1
      two in one line                         | class A { Object t = Instant.now(); io.vertx.core.Vertx v; }    | 2
      line comment                            | class A {} // uses jakarta.inject and Instant.now()             | 0
      block comment                           | /* import io.quarkus.x; */ class A {}                           | 0
      javadoc                                 | /** no Instant.now() here, no {@link io.vertx.core.Vertx} */ class A {} | 0
      string literal                          | class A { String s = "io.vertx.core and Instant.now()"; }      | 0
      escaped quote in a string               | class A { String s = "\\" jakarta.x"; Object t = Instant.now(); } | 1
      char literal                            | class A { char c = '"'; Object t = Instant.now(); }             | 1
      look-alike names                        | class A { Object t = myInstant.now(); String jakartaName; }     | 0
      passed-in time                          | class A { Object t(java.time.Instant now) { return now; } }     | 0
      """)
  void scannerCatchesEveryFormOfUse(String name, String source, int violations) {
    assertEquals(violations, violations(source).size(), () -> name + ": " + violations(source));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                     | violations
      text block                 | 0
      code after a text block    | 1
      """)
  void textBlocksAreStrings(String name, int violations) {
    String source = "class A {\n  String s = \"\"\"\n      import jakarta.x; Instant.now()\n      \"\"\";\n"
        + (violations > 0 ? "  Object t = Instant.now();\n" : "") + "}\n";
    assertEquals(violations, violations(source).size(), () -> name + ": " + violations(source));
  }

  /** Each forbidden use outside comments and literals, with its line number. */
  static List<String> violations(String source) {
    String code = codeOnly(source);
    List<String> found = new ArrayList<>();
    Matcher m = FORBIDDEN.matcher(code);
    while (m.find()) {
      int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
      found.add("line " + line + ": " + m.group().replaceAll("\\s+", ""));
    }
    return found;
  }

  /** The source with comments and string, text-block and char literals blanked out (line breaks kept). */
  static String codeOnly(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = blank(s, i, end < 0 ? s.length() : end + 2, out);
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        while (end > 0 && escaped(s, end)) {
          end = s.indexOf("\"\"\"", end + 1);
        }
        i = blank(s, i, end < 0 ? s.length() : end + 3, out);
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < s.length() && s.charAt(end) != c && s.charAt(end) != '\n') {
          end += s.charAt(end) == '\\' ? 2 : 1;
        }
        i = blank(s, i, Math.min(s.length(), end + 1), out);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean escaped(String s, int at) {
    int backslashes = 0;
    for (int k = at - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static int blank(String s, int from, int to, StringBuilder out) {
    for (int k = from; k < to; k++) {
      out.append(s.charAt(k) == '\n' ? '\n' : ' ');
    }
    return to;
  }
}
