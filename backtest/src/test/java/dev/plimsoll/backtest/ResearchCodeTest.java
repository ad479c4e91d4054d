package dev.plimsoll.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The research code BENCHMARKS.md cites still compiles against this module (it is run as a single source file, outside the build). */
class ResearchCodeTest {
  @TempDir
  Path out;

  @Test
  void policyVariantsCompiles() {
    Path source = Path.of("research/PolicyVariants.java");
    assertTrue(Files.isRegularFile(source), source.toAbsolutePath() + " is missing");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "a JDK is needed to compile the research code");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8), "-proc:none", "-d", out.toString(), "-cp",
        System.getProperty("java.class.path"), source.toString());
    assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
  }
}
